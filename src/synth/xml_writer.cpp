#include "synth/xml_writer.hpp"

#include "ingest/xml/elements.hpp"

namespace did::synth {
namespace {

using ingest::xml::Element;

void AppendEscaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
}

}  // namespace

std::string_view XmlFileStart() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DIDS>\n";
}

std::string_view XmlFileEnd() {
    return "</DIDS>\n";
}

uint64_t AppendXmlRecord(std::string& out, const SynthRecord& record, std::string_view eol, uint64_t& activity_line) {
    uint64_t lines = 0;
    auto line = [&](std::string_view indent, std::string_view open, std::string_view name) {
        out += indent;
        out += open;
        out += name;
        out += '>';
        out += eol;
        ++lines;
    };
    line("", "<", "DIDSRecord");
    for (const Element group : {Element::kPersonalAndDemographics, Element::kReferrals, Element::kImagingActivity}) {
        if (group == Element::kImagingActivity) activity_line = lines;
        line("  ", "<", ingest::xml::GroupName(group));
        for (const core::Field field : core::kAllFields) {
            if (ingest::xml::ItemGroup(field) != group || record[field].empty()) continue;
            const std::string_view name = ingest::xml::ItemName(field);
            out += "    <";
            out += name;
            out += '>';
            AppendEscaped(out, record[field]);
            out += "</";
            out += name;
            out += '>';
            out += eol;
            ++lines;
        }
        line("  ", "</", ingest::xml::GroupName(group));
    }
    line("", "</", "DIDSRecord");
    return lines;
}

}  // namespace did::synth
