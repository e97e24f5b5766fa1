#include "ingest/xml/pipeline.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "core/field.hpp"
#include "ingest/submission_format.hpp"
#include "ingest/xml/elements.hpp"
#include "validate/rule_catalogue.hpp"

namespace did::ingest {
namespace {

using core::Field;
using validate::Finding;

using Values = std::array<std::string, core::kFieldCount>;

Values Good(const std::string& accession) {
    return {"4010232137", "01",    "1980-05-17", "A",          "1",          "LS1 4AP",
            "B82005",     "04",    "G1234567",   "B82005",     "2026-10-01", "2026-10-02",
            "2026-10-10", "XCHES", "399208008",  "2026-10-11", "RH802",      accession};
}

Values With(Values values, const std::map<Field, std::string>& edits) {
    for (const auto& [field, value] : edits) values[core::Index(field)] = value;
    return values;
}

std::string Csv(const std::vector<Values>& records) {
    std::string out;
    for (const Values& r : records) {
        for (size_t i = 0; i < r.size(); ++i) out += (i ? "," : "") + r[i];
        out += "\n";
    }
    return out;
}

std::string Items(const Values& r, xml::Element group, const std::string& indent) {
    std::string out;
    for (const Field f : core::kAllFields) {
        if (xml::ItemGroup(f) != group || r[core::Index(f)].empty()) continue;
        const std::string name(xml::ItemName(f));
        out += indent + "<" + name + ">" + r[core::Index(f)] + "</" + name + ">\n";
    }
    return out;
}

// One DIDSRecord for the patient and referral of `activities[0]`, with an ImagingActivity for
// each of `activities`.
std::string Record(const std::vector<Values>& activities) {
    std::string out = "<DIDSRecord>\n  <PersonalAndDemographics>\n";
    out += Items(activities[0], xml::Element::kPersonalAndDemographics, "    ");
    out += "  </PersonalAndDemographics>\n  <Referrals>\n";
    out += Items(activities[0], xml::Element::kReferrals, "    ");
    out += "  </Referrals>\n";
    for (const Values& a : activities) {
        out += "  <ImagingActivity>\n" + Items(a, xml::Element::kImagingActivity, "    ") + "  </ImagingActivity>\n";
    }
    return out + "</DIDSRecord>\n";
}

std::string Xml(const std::vector<Values>& records) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DIDS>\n";
    for (const Values& r : records) out += Record({r});
    return out + "</DIDS>\n";
}

struct Outcome {
    validate::RecordCounts records;
    std::vector<std::string> file_errors;  // "line RULE message"
    std::vector<uint64_t> lines;           // of the findings
    std::vector<std::string> findings;     // "RULE value message", no line
    std::vector<uint64_t> element_lines;   // of the findings' item elements, 0 where none is said
    std::vector<std::string> stored;       // accession numbers kept
    bool kept = false;
};

class Sink : public validate::AcceptedSink {
  public:
    explicit Sink(Outcome& out) : out_(out) {}
    core::Status Consume(validate::AcceptedBatch& batch) override {
        for (const auto& r : batch.records()) {
            if (r.dropped) continue;
            std::string all;
            for (const Field f : core::kAllFields) all += std::string(batch.Get(r, f)) + "|";
            out_.stored.push_back(all);
        }
        return {};
    }
    core::Status Finish(bool keep) override {
        out_.kept = keep;
        if (!keep) out_.stored.clear();
        return {};
    }

  private:
    Outcome& out_;
};

Outcome Validate(std::string_view text, PipelineOptions options = {}) {
    validate::ValidationContext context;
    context.submitted = *core::Date::Parse("2026-11-05");
    context.period = core::Period::Parse("2026-10");
    MemorySource source(text);
    Outcome out;
    Sink sink(out);
    auto report = ValidateSubmission(source, context, options, &sink);
    EXPECT_TRUE(report) << report.error().message;
    out.records = report->records;
    const auto& rules = validate::RuleCatalogue::Standard();
    (void)report->file_errors.ForEach([&](const Finding& f) {
        out.file_errors.push_back(std::to_string(f.line) + " " + std::string(rules.Spec(f.rule).code) + " " +
                                  f.message);
        return true;
    });
    static const std::regex kElementLine(R"( \(the element is on line (\d+)\)$)");
    (void)report->findings.ForEach([&](const Finding& f) {
        out.lines.push_back(f.line);
        // The element's line is kept apart, so that the message compares with a CSV one.
        std::smatch element;
        std::string message = f.message;
        if (std::regex_search(f.message, element, kElementLine)) {
            out.element_lines.push_back(std::stoull(element[1]));
            message = element.prefix();
        } else {
            out.element_lines.push_back(0);
        }
        // DIDS071's message names the line of the first use, which differs between formats.
        out.findings.push_back(std::string(rules.Spec(f.rule).code) + " " + f.value + " " +
                               (f.rule == validate::RuleId::kDids071 ? "" : message));
        return true;
    });
    return out;
}

// Small windows and chunks, on two threads: boundaries fall inside records, tags and text.
PipelineOptions Cut() {
    PipelineOptions options;
    options.threads = 2;
    options.window_bytes = 256;
    options.min_chunk_bytes = 16;
    return options;
}

std::vector<Values> Mixed() {
    return {Good("A1"),
            With(Good("A2"), {{Field::kGender, "7"}}),
            With(Good("A3"), {{Field::kNhsNumber, "4010232138"}, {Field::kPostcode, ""}}),
            Good("A1"),  // DIDS071: the same accession at the same site
            With(Good("A5"), {{Field::kTestDate, "2026-13-40"}, {Field::kAccessionNumber, " A5 "}}),
            With(Good("A6"), {{Field::kNicipCode, "&amp;X"}})};
}

TEST(XmlPipelineTest, DetectsTheFormatFromTheContent) {
    EXPECT_EQ(DetectFormat("<DIDS>"), SubmissionFormat::kXml);
    EXPECT_EQ(DetectFormat("\xEF\xBB\xBF \r\n\t<?xml version=\"1.0\"?>"), SubmissionFormat::kXml);
    EXPECT_EQ(DetectFormat("NHS NUMBER,<DIDS>"), SubmissionFormat::kCsv);
    EXPECT_EQ(DetectFormat(""), SubmissionFormat::kCsv);
    EXPECT_EQ(DetectFormat("  \n"), SubmissionFormat::kCsv);
    EXPECT_EQ(DetectFormat("\xFF\xFE<\0D\0"), SubmissionFormat::kCsv);  // UTF-16: the CSV path says so
}

TEST(XmlPipelineTest, SameFindingsCountsAndRecordsAsTheSameCsv) {
    std::vector<Values> records = Mixed();
    const Outcome csv = Validate(Csv(records));
    // As XML the NICIP code "&X" is written escaped; the CSV has it as is.
    records[5][core::Index(Field::kNicipCode)] = "&X";
    const Outcome csv_plain = Validate(Csv(records));
    records[5][core::Index(Field::kNicipCode)] = "&amp;X";
    const Outcome xml = Validate(Xml(records));
    EXPECT_TRUE(xml.file_errors.empty()) << xml.file_errors[0];
    EXPECT_EQ(xml.findings, csv_plain.findings);
    EXPECT_EQ(xml.stored, csv_plain.stored);
    EXPECT_EQ(xml.records.total, 6u);
    EXPECT_EQ(xml.records.rejected, csv_plain.records.rejected);
    EXPECT_EQ(xml.records.warned, csv_plain.records.warned);
    EXPECT_TRUE(xml.kept);
    EXPECT_NE(csv.findings, csv_plain.findings);  // the escape was read, not kept
    // Lines: each record's findings are on its ImagingActivity's line (a DIDSRecord of these
    // takes 26 lines from line 3; its ImagingActivity is its 18th).
    ASSERT_FALSE(xml.lines.empty());
    EXPECT_EQ(xml.lines.front(), 3u + 26 + 17);  // A2's DIDS014
    EXPECT_EQ(csv_plain.element_lines, std::vector<uint64_t>(csv_plain.findings.size(), 0));
}

// Position of `needle`'s `nth` (0-based) occurrence, as a 1-based line.
uint64_t LineOf(const std::string& text, const std::string& needle, size_t nth) {
    size_t at = text.find(needle);
    for (size_t i = 0; i < nth && at != std::string::npos; ++i) at = text.find(needle, at + 1);
    EXPECT_NE(at, std::string::npos) << needle;
    return 1 + static_cast<uint64_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

TEST(XmlPipelineTest, AnItemsFindingAlsoSaysTheLineOfItsElement) {
    const std::vector<Values> records = {
        Good("F1"), With(Good("F2"), {{Field::kGender, "7"}, {Field::kSiteCode, "R"}}),
        With(Good("F3"), {{Field::kPostcode, ""}})};  // DIDS016: the item is there, empty
    const std::string text = Xml(records);
    const Outcome out = Validate(text);
    ASSERT_TRUE(out.file_errors.empty()) << out.file_errors[0];
    ASSERT_GE(out.findings.size(), 2u);
    // F2: the gender (a patient item, above the ImagingActivity) and the site (below it).
    EXPECT_EQ(out.findings[0].substr(0, 8), "DIDS014 ");
    EXPECT_EQ(out.lines[0], LineOf(text, "<ImagingActivity>", 1));
    EXPECT_EQ(out.element_lines[0], LineOf(text, "<PersonGenderCode>", 1));
    const auto site = std::find_if(out.findings.begin(), out.findings.end(),
                                   [](const std::string& f) { return f.find(" R ") != std::string::npos; });
    ASSERT_NE(site, out.findings.end());
    const auto i = static_cast<size_t>(site - out.findings.begin());
    EXPECT_EQ(out.lines[i], LineOf(text, "<ImagingActivity>", 1));
    EXPECT_EQ(out.element_lines[i], LineOf(text, "<ImagingSiteCode>", 1));
    // A whole record on one line: the element is on the record's line, and nothing more is said.
    std::string one_line = Xml({With(Good("F4"), {{Field::kGender, "7"}})});
    std::erase(one_line, '\n');
    const Outcome flat = Validate(one_line);
    ASSERT_FALSE(flat.findings.empty());
    EXPECT_EQ(flat.element_lines[0], 0u);
    EXPECT_EQ(flat.lines[0], 1u);
}

// The plain reader only ever reads what expat would read the same way: every file here gives
// the same report with it and with expat alone, however it is cut.
TEST(XmlPipelineTest, ThePlainReaderAndExpatAloneGiveTheSameReport) {
    std::vector<std::string> files = {Xml(Mixed()), Xml({Good("G1"), Good("G2")})};
    std::string crlf = Xml(Mixed());
    for (size_t at = crlf.find('\n'); at != std::string::npos; at = crlf.find('\n', at + 2)) crlf.insert(at, "\r");
    files.push_back(crlf);
    const std::string good = Xml({Good("G3"), Good("G4")});
    const size_t second = good.find("<DIDSRecord>", good.find("<DIDSRecord>") + 1);
    for (const std::string insert :
         {"<!-- a comment -->", "<DIDSRecord >", "<Patient/>", "</DIDS>", "text", "<?pi x?>", "\t\r\n"}) {
        files.push_back(good.substr(0, second) + insert + good.substr(second));
    }
    files.push_back(good.substr(0, good.size() / 2));  // cut short
    std::string tabbed = good;
    tabbed.replace(tabbed.find("LS1 4AP"), 7, "LS1\t4AP");
    files.push_back(tabbed);
    std::string referenced = good;
    referenced.replace(referenced.find("G3"), 2, "G&#51;");
    files.push_back(referenced);
    PipelineOptions expat_only;
    expat_only.xml_plain_reader = false;
    PipelineOptions expat_cut = Cut();
    expat_cut.xml_plain_reader = false;
    for (const std::string& file : files) {
        const Outcome plain = Validate(file);
        for (const PipelineOptions& options : {expat_only, expat_cut}) {
            const Outcome expat = Validate(file, options);
            EXPECT_EQ(expat.file_errors, plain.file_errors) << file;
            EXPECT_EQ(expat.findings, plain.findings) << file;
            EXPECT_EQ(expat.lines, plain.lines) << file;
            EXPECT_EQ(expat.element_lines, plain.element_lines) << file;
            EXPECT_EQ(expat.stored, plain.stored) << file;
        }
    }
}

TEST(XmlPipelineTest, TheSameReportHoweverTheFileIsCut) {
    std::vector<Values> records;
    for (int i = 0; i < 60; ++i) {
        records.push_back(With(Good("B" + std::to_string(i % 50)), {{Field::kGender, i % 7 == 0 ? "5" : "1"}}));
    }
    // A comment holding what looks like a record start, and a CDATA section: a chunk may guess
    // its start inside either.
    std::string text = Xml(records);
    const size_t middle = text.find("<DIDSRecord>", text.size() / 2);
    text.insert(middle, "<!-- <DIDSRecord> <DIDSRecord>\n -->\n");
    const size_t site = text.find("RH802", text.size() / 3);
    text.replace(site, 5, "<![CDATA[RH802]]>");
    const Outcome whole = Validate(text);
    const Outcome cut = Validate(text, Cut());
    EXPECT_TRUE(whole.file_errors.empty()) << whole.file_errors[0];
    EXPECT_EQ(whole.records.total, 60u);
    EXPECT_EQ(cut.findings, whole.findings);
    EXPECT_EQ(cut.lines, whole.lines);
    EXPECT_EQ(cut.stored, whole.stored);
    EXPECT_EQ(cut.records.rejected, whole.records.rejected);
}

TEST(XmlPipelineTest, EachImagingActivityTakesItsPatientsItems) {
    const std::string text = "<DIDS>" +
                             Record({Good("C1"), With(Good("C2"), {{Field::kTestDate, "2026-10-09"}}),
                                     With(Good("C3"), {{Field::kSiteCode, "RH803"}})}) +
                             "</DIDS>";
    const Outcome out = Validate(text);
    EXPECT_TRUE(out.file_errors.empty()) << out.file_errors[0];
    ASSERT_EQ(out.stored.size(), 3u);
    EXPECT_EQ(out.stored[1],
              "4010232137|01|1980-05-17|A|1|LS1 4AP|B82005|04|G1234567|B82005|2026-10-01|2026-10-02|2026-10-09|XCHES|"
              "399208008|2026-10-11|RH802|C2|");
    EXPECT_EQ(out.stored[2].substr(out.stored[2].size() - 10), "|RH803|C3|");
}

// The one finding for a file: "line RULE message".
std::string FileError(const std::string& text, PipelineOptions options = {}) {
    const Outcome out = Validate(text, options);
    EXPECT_FALSE(out.kept);
    EXPECT_TRUE(out.stored.empty());
    EXPECT_EQ(out.records.total, 0u);
    EXPECT_EQ(out.file_errors.size(), 1u);
    return out.file_errors.empty() ? "" : out.file_errors[0];
}

TEST(XmlPipelineTest, StructureErrorsRejectTheFileAtTheirLineAndColumn) {
    const std::string good = Record({Good("D1")});
    auto in_root = [&](const std::string& body) { return "<DIDS>\n" + good + body + good + "</DIDS>\n"; };
    const std::string after = std::to_string(2 + 26);  // the line after the first DIDSRecord
    EXPECT_EQ(FileError("<DIDSFile>\n</DIDSFile>"),
              "1 DIDS076 the root element is <DIDSFile>; a DID XML file's is <DIDS> (column 1)");
    EXPECT_EQ(FileError(in_root("<Patient/>\n")),
              after + " DIDS076 <Patient> is not an element of the DID structure (column 1)");
    EXPECT_EQ(FileError(in_root("<DIDSRecord><PersonalAndDemographics/><Referrals><NHSNumber>1</NHSNumber>")),
              after + " DIDS076 <NHSNumber> belongs in <PersonalAndDemographics>, not in <Referrals> (column 50)");
    EXPECT_EQ(FileError(in_root("<DIDSRecord>\n  <Address>LS1 4AP</Address>")),
              std::to_string(2 + 26 + 1) +
                  " DIDS076 <Address> belongs in <PersonalAndDemographics>, not in <DIDSRecord> (column 3)");
    EXPECT_EQ(FileError(in_root("<DIDSRecord>text</DIDSRecord>\n")),
              after + " DIDS076 text inside <DIDSRecord>, which holds elements only (column 13)");
    EXPECT_EQ(FileError(in_root("<DIDSRecord><Referrals/>")),
              after +
                  " DIDS076 <Referrals> out of place: a <DIDSRecord> holds one <PersonalAndDemographics>, one "
                  "<Referrals>, then one or more <ImagingActivity> (column 13)");
    EXPECT_EQ(FileError(in_root("<DIDSRecord><PersonalAndDemographics/><Referrals/></DIDSRecord>\n")),
              after + " DIDS076 a <DIDSRecord> without an <ImagingActivity>: it holds no record (column 51)");
    EXPECT_EQ(FileError(in_root("<DIDSRecord><PersonalAndDemographics><PersonGenderCode>1</PersonGenderCode>"
                                "<PersonGenderCode>2</PersonGenderCode>")),
              after + " DIDS076 <PersonGenderCode> appears twice in one <PersonalAndDemographics> (column 76)");
    EXPECT_EQ(FileError(in_root("<DIDSRecord id=\"1\">")),
              after + " DIDS076 <DIDSRecord> has attributes: only the root <DIDS> may have any (column 1)");
    EXPECT_EQ(FileError(in_root("<DIDSRecord><PersonalAndDemographics><NHSNumber>&nbsp;")),
              after + " DIDS076 not well-formed XML: undefined entity (column 49)");
    EXPECT_EQ(FileError("<DIDS>\n" + good + "</DIDS>\n<DIDS>"),
              "29 DIDS076 not well-formed XML: junk after document element (column 1)");
    // The same wherever the windows and chunks fall.
    EXPECT_EQ(FileError(in_root("<Patient/>\n"), Cut()),
              after + " DIDS076 <Patient> is not an element of the DID structure (column 1)");
}

TEST(XmlPipelineTest, HostileFilesAreRefusedAtOnce) {
    std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE DIDS [\n <!ENTITY a \"aaaaaaaaaa\">\n";
    for (char c = 'b'; c <= 'j'; ++c) {
        std::string refs;
        for (int i = 0; i < 10; ++i) refs += std::string("&") + static_cast<char>(c - 1) + ";";
        laughs += std::string(" <!ENTITY ") + c + " \"" + refs + "\">\n";
    }
    laughs += "]>\n<DIDS><DIDSRecord><PersonalAndDemographics><NHSNumber>&j;</NHSNumber>";
    const std::string doctype =
        "2 DIDS076 the file has a DOCTYPE (a DTD): a DID XML file has none, and no DTD, entity or external reference "
        "is ever read";
    EXPECT_EQ(FileError(laughs), doctype);
    EXPECT_EQ(FileError("<?xml version=\"1.0\"?>\n<!DOCTYPE DIDS [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                        "<DIDS>&x;</DIDS>"),
              doctype);
    EXPECT_EQ(FileError("<!DOCTYPE DIDS SYSTEM \"http://127.0.0.1/did.dtd\"><DIDS/>"), "1" + doctype.substr(1));

    std::string deep = "<DIDS><DIDSRecord><PersonalAndDemographics><NHSNumber>";
    for (int i = 0; i < 100000; ++i) deep += "<a>";
    EXPECT_EQ(FileError(deep), "1 DIDS076 <a> inside <NHSNumber>: an item holds text only (column 55)");

    const std::string huge =
        "<DIDS>\n<DIDSRecord><PersonalAndDemographics><NHSNumber>" + std::string(5000, '1') + "</NHSNumber>";
    EXPECT_EQ(FileError(huge).substr(0, 70), "2 DIDS076 an item's text is longer than 4096 bytes; no DID item comes ");

    const std::string whole = Xml({Good("E1"), Good("E2")});
    EXPECT_EQ(FileError(whole.substr(0, whole.size() - 30)).substr(0, 61),
              "53 DIDS076 the file ends before its XML does (cut short?): un");
    EXPECT_EQ(FileError("<DIDS>"), "1 DIDS076 the file ends before its XML does (cut short?): <DIDS> is never closed");

    std::string latin = Xml({Good("E1"), With(Good("E2"), {{Field::kPostcode, "LS1 4\xE9P"}})});
    EXPECT_EQ(FileError(latin),
              "36 DIDC-ENCODING the file is not valid UTF-8 from this line on: save it as UTF-8 (not Windows-1252 or "
              "Latin-1) and send it again");
    EXPECT_EQ(FileError(latin, Cut()).substr(0, 17), "36 DIDC-ENCODING ");
    EXPECT_EQ(FileError("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<DIDS/>"),
              "1 DIDC-ENCODING the XML declaration says encoding=\"ISO-8859-1\": a DID XML file is UTF-8; save it as "
              "UTF-8");
    // A record that never ends, past the longest a record may be.
    PipelineOptions small;
    small.window_bytes = 1024;
    small.max_record_bytes = 4096;
    EXPECT_EQ(FileError("<DIDS>\n<DIDSRecord><!--" + std::string(100000, 'x') + "-->", small).substr(0, 30),
              "1 DIDS076 more than 0 MiB from");
}

TEST(XmlPipelineTest, AnEmptyRootHoldsNoRecords) {
    for (const std::string text :
         {"<?xml version=\"1.0\"?>\n<DIDS xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>\n",
          "<DIDS>\n  <!-- none this month -->\n</DIDS>\n"}) {
        const Outcome out = Validate(text);
        EXPECT_EQ(out.file_errors, std::vector<std::string>{"0 DIDC-EMPTY the file holds no records"});
        // Windows smaller than the comment: grown while the column of the next one is known.
        PipelineOptions tiny = Cut();
        tiny.window_bytes = 8;
        EXPECT_EQ(Validate(text, tiny).file_errors, out.file_errors);
    }
}

}  // namespace
}  // namespace did::ingest
