#include "ingest/xml/plain_reader.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace did::ingest::xml {
namespace {

// What each byte is to the scanner: letters make names; in text, kPlain bytes are kept as they
// are, kLineFeed is counted and the rest (kOther) is looked at one by one.
enum ByteClass : uint8_t { kPlain, kLineFeed, kOther };

constexpr std::array<uint8_t, 256> kText = [] {
    std::array<uint8_t, 256> text{};
    for (int c = 0; c < 256; ++c) {
        const bool plain = (c >= 0x20 && c < 0x7F && c != '<' && c != '&' && c != ']') || c == '\t';
        text[static_cast<size_t>(c)] = plain ? kPlain : c == '\n' ? kLineFeed : kOther;
    }
    return text;
}();

size_t ByteOf(const char* p) {
    return static_cast<unsigned char>(*p);
}

// Finds the '<' that ends the text starting at `from`, counting the LFs on the way; null at
// anything expat might read otherwise than as these bytes (a reference, a CR that is not part
// of a CRLF, a byte above 0x7F, a control character XML does not allow, "]]>") or, outside an
// item, anything but white space; `end` when the buffer ends first. One pass over the bytes.
const char* PlainText(const char* from, const char* end, bool item, bool& has_control, uint64_t& lines) {
    const char* p = from;
    if (item) {
        while (p < end) {
            const uint8_t c = kText[ByteOf(p)];
            if (c == kPlain) {
                has_control |= *p == '\t';
                ++p;
            } else if (c == kLineFeed) {
                has_control = true;  // a line feed in a value is a control character too
                ++lines;
                ++p;
            } else {
                return *p == '<' ? p : nullptr;
            }
        }
        return end;
    }
    for (; p < end; ++p) {
        if (*p == ' ' || *p == '\t') continue;
        if (*p == '\n') {
            ++lines;
        } else if (*p == '<') {
            return p;
        } else if (*p != '\r' || p + 1 >= end || p[1] != '\n') {
            return nullptr;
        }
    }
    return end;
}

}  // namespace

bool ReadPlainChunk(std::string_view buffer, size_t begin, size_t stop, bool at_eof, RecordBuilder& builder,
                    validate::ChunkResult& out) {
    const char* const base = buffer.data();
    const char* const end = base + buffer.size();
    const char* p = base + begin;
    uint64_t line = 0;
    size_t boundary = begin;  // after the last DIDSRecord closed
    uint64_t boundary_line = 0;
    std::array<std::string_view, kMaxDepth + 2> open{};
    if (!builder.Start("DIDS", false, 0)) return false;
    open[0] = "DIDS";
    auto need_more_data = [&] {
        if (at_eof) return false;  // a file cut short: expat says so
        out.needs_more_data = true;
        out.end = boundary;
        out.line_breaks = boundary_line;
        return true;
    };
    while (true) {
        const bool in_item = builder.depth() == kMaxDepth;  // DIDS > DIDSRecord > group > item
        bool has_control = false;
        const char* lt = PlainText(p, end, in_item, has_control, line);
        if (lt == nullptr) return false;
        if (builder.depth() == 0) {  // after the root's end tag: white space to the end
            if (lt != end || !at_eof) return false;
            out.end = buffer.size();
            out.line_breaks = line;
            return true;
        }
        if (lt == end) return need_more_data();
        // An item's text, whole and in place: the builder may keep a view of it.
        if (in_item && lt > p && !builder.Text(std::string_view(p, static_cast<size_t>(lt - p)), has_control)) {
            return false;
        }
        const bool closing = lt + 1 < end && lt[1] == '/';
        const char* name = lt + (closing ? 2 : 1);
        if (closing) {
            // Only the open element's end tag, exactly: no need to look for where it ends.
            const std::string_view expected = open[builder.depth() - 1];
            if (static_cast<size_t>(end - name) <= expected.size()) return need_more_data();
            if (std::memcmp(name, expected.data(), expected.size()) != 0 || name[expected.size()] != '>') return false;
            p = name + expected.size() + 1;
            if (!builder.End()) return false;
            if (builder.closed_record()) {
                boundary = static_cast<size_t>(p - base);
                boundary_line = line;
            }
            continue;
        }
        // A start tag is a name of the structure and '>': anything else (attributes, an empty
        // element, <!--, <?, a name the structure does not have) is not found among the names.
        const char* gt = name;
        while (gt < end && *gt != '>') ++gt;  // names are short: a loop beats a call
        if (gt == end) return need_more_data();
        const std::string_view tag(name, static_cast<size_t>(gt - name));
        p = gt + 1;
        const auto offset = static_cast<size_t>(lt - base);
        if (builder.depth() == 1 && offset >= stop && tag == "DIDSRecord") {  // the next chunk's first record
            out.end = offset;
            out.line_breaks = line;
            return true;
        }
        const auto info = FindElement(tag);
        if (!info || builder.depth() > kMaxDepth || !builder.Start(*info, tag, line)) return false;
        open[builder.depth() - 1] = tag;
    }
}

}  // namespace did::ingest::xml
