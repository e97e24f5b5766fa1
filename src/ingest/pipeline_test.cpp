#include "ingest/pipeline.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <utility>

#include "core/field.hpp"
#include "core/utf8.hpp"
#include "validate/rule_catalogue.hpp"

namespace did::ingest {
namespace {

using core::Field;
using validate::Finding;

constexpr const char* kGood =
    "4010232137,01,1980-05-17,A,1,LS1 4AP,B82005,04,G1234567,B82005,2026-10-01,2026-10-02,2026-10-10,XCHES,"
    "399208008,2026-10-11,RH802,";

std::string Header() {
    std::string h;
    for (size_t i = 0; i < core::kFieldCount; ++i)
        h += (i ? "," : "") + std::string(core::FieldName(core::kAllFields[i]));
    return h;
}

// A good record with its accession number; `edits` replace whole fields as raw CSV text.
std::string Line(const std::string& accession, const std::map<Field, std::string>& edits = {}) {
    std::vector<std::string> fields;
    std::string text = std::string(kGood) + accession;
    size_t start = 0;
    for (size_t i = 0; i < core::kFieldCount - 1; ++i) {
        const size_t comma = text.find(',', start);
        fields.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    fields.push_back(text.substr(start));
    for (const auto& [field, value] : edits) fields[core::Index(field)] = value;
    std::string out;
    for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + fields[i];
    return out;
}

struct Outcome {
    validate::RecordCounts records;
    std::vector<std::pair<uint64_t, std::string>> file_errors;
    std::vector<std::pair<uint64_t, std::string>> findings;
    std::vector<std::string> messages;
    std::vector<std::string> values;
    std::vector<std::string> places;  // "site|accession" of each file error then finding; "-" without one
    bool has_header = false;
};

class CountingSink : public validate::AcceptedSink {
  public:
    core::Status Consume(validate::AcceptedBatch& batch) override {
        for (const auto& r : batch.records()) {
            if (r.dropped) continue;
            accessions.emplace_back(batch.Get(r, Field::kAccessionNumber));
            lines.push_back(r.line);
        }
        return {};
    }
    std::vector<uint64_t> lines;
    core::Status Finish(bool keep) override {
        kept = keep;
        if (!keep) accessions.clear();
        return {};
    }
    std::vector<std::string> accessions;
    bool kept = false;
};

enum class From { kMemory, kFile };  // kFile: a regular file, read through a mapping

Outcome Validate(std::string_view text, PipelineOptions options = {}, CountingSink* sink = nullptr,
                 From from = From::kMemory) {
    validate::ValidationContext context;
    context.submitted = *core::Date::Parse("2026-11-05");
    context.period = core::Period::Parse("2026-10");
    std::unique_ptr<ByteSource> source = std::make_unique<MemorySource>(text);
    // One file per test process: ctest runs tests in parallel, and a mapped file must not be
    // rewritten under its reader.
    const std::string path = ::testing::TempDir() + "pipeline_test_" + std::to_string(::getpid()) + ".csv";
    if (from == From::kFile) {
        std::ofstream(path, std::ios::binary) << text;
        auto file = FileSource::Open(path);
        EXPECT_TRUE(file);
        source = std::move(*file);
        EXPECT_EQ(source->MappableFd().has_value(), !text.empty());
    }
    auto report = ValidateCsv(*source, context, options, sink);
    if (from == From::kFile) std::remove(path.c_str());
    EXPECT_TRUE(report) << report.error().message;
    Outcome out;
    out.records = report->records;
    out.has_header = report->has_header;
    const auto& rules = validate::RuleCatalogue::Standard();
    (void)report->file_errors.ForEach([&](const Finding& f) {
        out.file_errors.emplace_back(f.line, std::string(rules.Spec(f.rule).code));
        out.messages.push_back(f.message);
        out.places.push_back(f.place ? std::string(f.site_code()) + "|" + std::string(f.accession_number()) : "-");
        return true;
    });
    (void)report->findings.ForEach([&](const Finding& f) {
        out.findings.emplace_back(f.line, std::string(rules.Spec(f.rule).code));
        out.messages.push_back(f.message);
        out.values.push_back(f.value);
        out.places.push_back(f.place ? std::string(f.site_code()) + "|" + std::string(f.accession_number()) : "-");
        return true;
    });
    return out;
}

using Lines = std::vector<std::pair<uint64_t, std::string>>;

TEST(PipelineTest, CleanFileWithAndWithoutHeader) {
    const std::string body = Line("A1") + "\n" + Line("A2") + "\n";
    const auto plain = Validate(body);
    EXPECT_EQ(plain.records.total, 2u);
    EXPECT_EQ(plain.records.accepted, 2u);
    EXPECT_TRUE(plain.findings.empty());
    EXPECT_FALSE(plain.has_header);
    const auto headed = Validate(Header() + "\n" + body);
    EXPECT_TRUE(headed.has_header);
    EXPECT_EQ(headed.records.total, 2u);
}

TEST(PipelineTest, LineNumbersCountTheHeaderAndIgnoreTheBom) {
    const std::string body = Line("A1") + "\n" + Line("A2", {{Field::kGender, "7"}}) + "\n";
    EXPECT_EQ(Validate(body).findings, (Lines{{2, "DIDS014"}}));
    EXPECT_EQ(Validate(Header() + "\n" + body).findings, (Lines{{3, "DIDS014"}}));
    EXPECT_EQ(Validate("\xEF\xBB\xBF" + Header() + "\n" + body).findings, (Lines{{3, "DIDS014"}}));
    EXPECT_EQ(Validate("\xEF\xBB\xBF" + body).findings, (Lines{{2, "DIDS014"}}));
}

TEST(PipelineTest, CrlfLineEnds) {
    const auto out = Validate(Header() + "\r\n" + Line("A1") + "\r\n" + Line("A2", {{Field::kGender, "7"}}) + "\r\n");
    EXPECT_TRUE(out.file_errors.empty());
    EXPECT_EQ(out.findings, (Lines{{3, "DIDS014"}}));
}

TEST(PipelineTest, QuotedCommasNewlinesAndDoubledQuotes) {
    const std::string text = Line("\"A,1\"", {{Field::kPostcode, "\"LS1 4AP\""}}) + "\n" +  // line 1
                             Line("\"A\n2\"") + "\n" +                                      // lines 2-3
                             Line("\"A\"\"3\"") + "\n" +                                    // line 4
                             Line("A4", {{Field::kGender, "7"}}) + "\n";                    // line 5
    CountingSink sink;
    const auto out = Validate(text, {}, &sink);
    EXPECT_TRUE(out.file_errors.empty());
    EXPECT_EQ(out.findings, (Lines{{2, "DIDS072"}, {5, "DIDS014"}}));
    EXPECT_EQ(out.records.total, 4u);
    EXPECT_EQ(sink.accessions, (std::vector<std::string>{"A,1", "A\"3"}));  // the 2nd and 4th are rejected
}

TEST(PipelineTest, TrailingEmptyLinesAreIgnoredButInnerOnesAreErrors) {
    const auto trailing = Validate(Line("A1") + "\n" + Line("A2") + "\n\n\r\n\n");
    EXPECT_TRUE(trailing.file_errors.empty());
    EXPECT_EQ(trailing.records.total, 2u);
    const auto inner = Validate(Line("A1") + "\n\n" + Line("A2") + "\n");
    EXPECT_EQ(inner.file_errors, (Lines{{2, "DIDS075"}}));
    EXPECT_EQ(inner.records.total, 0u);
    EXPECT_TRUE(inner.findings.empty());
    const auto spaces = Validate(Line("A1") + "\n   \n");
    EXPECT_EQ(spaces.file_errors, (Lines{{2, "DIDS075"}}));
}

TEST(PipelineTest, WrongColumnCountsRejectTheFileNamingEveryLine) {
    const auto out =
        Validate(Line("A1") + ",extra\n" + Line("A2") + "\n" + "1,2,3\n" + Line("A4", {{Field::kGender, "7"}}) + "\n");
    EXPECT_EQ(out.file_errors, (Lines{{1, "DIDS075"}, {3, "DIDS075"}}));
    EXPECT_EQ(out.messages[0], "the line has 19 columns; a DID record has 18");
    EXPECT_EQ(out.messages[1], "the line has 3 columns; a DID record has 18");
    EXPECT_EQ(out.records.total, 0u);
    EXPECT_EQ(out.records.accepted, 0u);
    EXPECT_TRUE(out.findings.empty());
}

TEST(PipelineTest, BadQuotingIsAColumnError) {
    const auto after_quote = Validate(Line("\"A1\"x") + "\n" + Line("A2") + "\n");
    EXPECT_EQ(after_quote.file_errors, (Lines{{1, "DIDS075"}}));
    EXPECT_NE(after_quote.messages[0].find("a character follows a closing quote"), std::string::npos);
    const auto unclosed = Validate(Line("A1") + "\n" + Line("\"A2") + "\n" + Line("A3") + "\n");
    EXPECT_EQ(unclosed.file_errors, (Lines{{2, "DIDS075"}}));
    EXPECT_NE(unclosed.messages[0].find("never closed"), std::string::npos);
}

TEST(PipelineTest, InvalidUtf8IsTheOnlyFinding) {
    const auto out =
        Validate(Header() + "\n" + Line("A1", {{Field::kGender, "7"}}) + "\n" + Line("caf\xE9") + "\n" + "1,2\n");
    EXPECT_EQ(out.file_errors, (Lines{{3, "DIDC-ENCODING"}}));
    EXPECT_TRUE(out.findings.empty());
    EXPECT_EQ(out.records.total, 0u);
    EXPECT_EQ(Validate("NHS NUMBER,\xFF\n").file_errors, (Lines{{1, "DIDC-ENCODING"}}));
    // In a quoted field, after a quoted line break, and in the last bytes of a file.
    EXPECT_EQ(Validate(Line("A1") + "\n" + Line("\"X\ncaf\xE9\"") + "\n").file_errors, (Lines{{3, "DIDC-ENCODING"}}));
    EXPECT_EQ(Validate(Line("A1") + "\n" + Line("A\xC3")).file_errors, (Lines{{2, "DIDC-ENCODING"}}));
    // Valid UTF-8 passes, however long the record.
    EXPECT_TRUE(Validate(Line("caf\xC3\xA9") + "\n").file_errors.empty());
}

// Excel's UTF-16 and 'CSV (Macintosh)' files get one finding naming what they are, whatever
// the window: not "not valid UTF-8" or a line of thousands of columns.
TEST(PipelineTest, Utf16AndCrOnlyFilesAreNamed) {
    std::string lf_file = Header() + "\n";
    for (int i = 0; i < 50; ++i) lf_file += Line(std::to_string(i)) + "\n";
    std::string cr_file = lf_file;
    std::replace(cr_file.begin(), cr_file.end(), '\n', '\r');
    std::string utf16 = "\xFF\xFE";
    for (char c : lf_file) utf16 += std::string{c, '\0'};
    for (size_t window : {300u, 4096u, 1u << 20}) {
        PipelineOptions options;
        options.window_bytes = window;
        options.min_chunk_bytes = 100;
        CountingSink sink;
        const auto cr = Validate(cr_file, options, &sink);
        EXPECT_EQ(cr.file_errors, (Lines{{1, "DIDS075"}})) << window;
        EXPECT_NE(cr.messages[0].find("carriage return (CR) only"), std::string::npos) << cr.messages[0];
        EXPECT_EQ(cr.records.total, 0u);
        EXPECT_FALSE(sink.kept);
        const auto wide = Validate(utf16, options);
        EXPECT_EQ(wide.file_errors, (Lines{{1, "DIDC-ENCODING"}})) << window;
        EXPECT_NE(wide.messages[0].find("UTF-16 (little-endian)"), std::string::npos) << wide.messages[0];
        EXPECT_EQ(Validate(utf16.substr(2), options).file_errors, (Lines{{1, "DIDC-ENCODING"}})) << window;
    }
    // A record over 16 MiB of CR-ended lines: named, not "longer than 16 MiB".
    std::string big = cr_file;
    while (big.size() < (size_t{17} << 20)) big += cr_file.substr(Header().size() + 1);
    const auto out = Validate(big);
    EXPECT_EQ(out.file_errors, (Lines{{1, "DIDS075"}}));
    EXPECT_NE(out.messages[0].find("carriage return (CR) only"), std::string::npos) << out.messages[0];
}

TEST(PipelineTest, EmptyFiles) {
    for (From from : {From::kMemory, From::kFile}) {
        EXPECT_EQ(Validate("", {}, nullptr, from).file_errors, (Lines{{0, "DIDC-EMPTY"}}));
        EXPECT_EQ(Validate("\xEF\xBB\xBF", {}, nullptr, from).file_errors, (Lines{{0, "DIDC-EMPTY"}}));
        EXPECT_EQ(Validate("\n\n", {}, nullptr, from).file_errors, (Lines{{0, "DIDC-EMPTY"}}));
        EXPECT_EQ(Validate(Header() + "\n", {}, nullptr, from).file_errors, (Lines{{0, "DIDC-EMPTY"}}));
    }
}

TEST(PipelineTest, HeaderProblems) {
    std::string swapped = Header();
    swapped.replace(swapped.find("PERSON BIRTH DATE"), 17, "DOB");
    const auto named = Validate(swapped + "\n" + Line("A1") + "\n");
    EXPECT_EQ(named.file_errors, (Lines{{1, "DIDC-HEADER"}}));
    EXPECT_EQ(named.messages[0],
              "the header row does not name the DID columns in order: column 3 is 'DOB', expected "
              "PERSON BIRTH DATE");
    const auto short_header = Validate("NHS NUMBER,PERSON BIRTH DATE\n" + Line("A1") + "\n");
    EXPECT_EQ(short_header.file_errors, (Lines{{1, "DIDS075"}}));
    const auto lower = Validate(
        "nhs_number,nhs number status indicator code,person_birth_date,ethnic category,"
        "person gender code current,postcode of usual address,general medical practice code "
        "(patient registration),patient source setting type (diagnostic imaging),referrer "
        "code,referring organisation code,diagnostic test request date,diagnostic test request "
        "received date,diagnostic test date,imaging code (nicip),imaging code (snomed ct),"
        "service report issue date,site code (of imaging),radiological accession number\n" +
        Line("A1") + "\n");
    EXPECT_TRUE(lower.file_errors.empty());
    EXPECT_TRUE(lower.has_header);
}

TEST(PipelineTest, LeapDaysAndTimestamps) {
    const auto out = Validate(
        Line("A1", {{Field::kBirthDate, "2024-02-29"}}) + "\n" + Line("A2", {{Field::kBirthDate, "2025-02-29"}}) +
        "\n" +
        Line("A3", {{Field::kTestDate, "2026-10-10T14:05:00+01:00"}, {Field::kReportIssueDate, "2026-10-11T09:00Z"}}) +
        "\n");
    EXPECT_EQ(out.findings, (Lines{{2, "DIDS005"}}));
}

TEST(PipelineTest, RepeatedAccessionAndSiteRejectsEveryLaterRecord) {
    CountingSink sink;
    const auto out =
        Validate(Line("ACC 1", {{Field::kGender, "7"}}) + "\n" +  // rejected, but still takes part
                     Line("ACC 1") + "\n" +                       // repeat
                     Line("ACC  1") + "\n" +                      // inner spaces differ
                     Line("ACC 1", {{Field::kSiteCode, "RH803"}}) + "\n" + Line("acc 1") + "\n" +  // case differs
                     Line("ACC 1", {{Field::kReferrerCode, "DR X"}}) + "\n",  // warned, now rejected
                 {}, &sink);
    EXPECT_EQ(out.findings, (Lines{{1, "DIDS014"}, {2, "DIDS071"}, {6, "DIDS023"}, {6, "DIDS071"}}));
    EXPECT_EQ(out.records.total, 6u);
    EXPECT_EQ(out.records.rejected, 3u);
    EXPECT_EQ(out.records.accepted, 3u);
    EXPECT_EQ(out.records.warned, 0u);
    EXPECT_EQ(out.messages[1], "accession number ACC 1 at site RH802 was already used on line 1");
    EXPECT_EQ(sink.accessions, (std::vector<std::string>{"ACC  1", "ACC 1", "acc 1"}));
    EXPECT_EQ(sink.lines, (std::vector<uint64_t>{3, 4, 5}));
}

// Every record finding, DIDS071's too, carries its record's site and accession number as
// sent; a file-level finding has neither.
TEST(PipelineTest, RecordFindingsCarryTheirRecordsSiteAndAccessionNumber) {
    const auto out = Validate(Header() + "\n" + Line("ACC 1", {{Field::kGender, "7"}}) + "\n" +
                              Line("\"A,\n2\"", {{Field::kSiteCode, " \"RH803\" "}}) + "\n" + Line("ACC 1") + "\n" +
                              Line("", {{Field::kGender, "7"}, {Field::kSiteCode, ""}}) + "\n");
    EXPECT_EQ(out.findings,
              (Lines{{2, "DIDS014"}, {3, "DIDS072"}, {5, "DIDS071"}, {6, "DIDS014"}, {6, "DIDS067"}, {6, "DIDS070"}}));
    EXPECT_EQ(out.places, (std::vector<std::string>{"RH802|ACC 1", "RH803|A,<LF>2", "RH802|ACC 1", "|", "|", "|"}));

    const auto rejected = Validate(Header() + ",X\n" + Line("ACC 1") + "\n1,2\n");
    EXPECT_EQ(rejected.file_errors, (Lines{{1, "DIDS075"}, {3, "DIDS075"}}));
    EXPECT_EQ(rejected.places, (std::vector<std::string>{"-", "-"}));
}

TEST(PipelineTest, AcceptedRecordsAreDiscardedWhenTheFileIsRejected) {
    CountingSink sink;
    const auto out = Validate(Line("A1") + "\n1,2\n", {}, &sink);
    EXPECT_FALSE(sink.kept);
    EXPECT_TRUE(sink.accessions.empty());
}

TEST(PipelineTest, AnOverlongRecordIsAFileErrorNotAMemoryBlowUp) {
    PipelineOptions options;
    options.window_bytes = 1024;
    options.max_record_bytes = 4096;
    const auto out = Validate(Line("A1") + "\n\"" + std::string(100000, 'x'), options);
    EXPECT_EQ(out.file_errors, (Lines{{2, "DIDS075"}}));
    EXPECT_NE(out.messages[0].find("longer than"), std::string::npos);
}

// The same file must give the same report whatever the thread count, window and chunk sizes:
// records with quoted line breaks straddle chunk and window boundaries.
TEST(PipelineTest, ChunkingNeverChangesTheReport) {
    std::string text = Header() + "\n";
    for (int i = 0; i < 600; ++i) {
        const std::string id = std::to_string(i % 450);  // repeats for DIDS071
        if (i % 7 == 0) {
            text += Line("\"X\n" + id + "\"") + "\n";
        } else if (i % 11 == 0) {
            text += Line("\"Y," + id + "\"", {{Field::kGender, "\"5\""}}) + "\r\n";
        } else if (i % 13 == 0) {
            text += Line(id, {{Field::kTestDate, "\"2026-10-09\n\""}}) + "\n";
        } else {
            text += Line(id) + "\n";
        }
    }
    PipelineOptions reference;
    reference.threads = 1;
    const auto expected = Validate(text, reference);
    ASSERT_GT(expected.findings.size(), 150u);
    for (size_t threads : {1u, 2u, 3u, 4u}) {
        for (size_t window : {300u, 1000u, 4096u, 65536u}) {
            for (size_t chunk : {64u, 200u, 5000u}) {
                PipelineOptions options;
                options.threads = threads;
                options.window_bytes = window;
                options.min_chunk_bytes = chunk;
                for (From from : {From::kMemory, From::kFile}) {
                    const auto out = Validate(text, options, nullptr, from);
                    EXPECT_EQ(out.findings, expected.findings) << threads << " " << window << " " << chunk;
                    EXPECT_EQ(out.records.total, expected.records.total);
                    EXPECT_EQ(out.records.rejected, expected.records.rejected);
                    EXPECT_EQ(out.values, expected.values);
                }
            }
        }
    }
}

TEST(PipelineTest, RecordsLongerThanTheWindowAreReadWhole) {
    std::string text;
    for (int i = 0; i < 50; ++i) {
        text += Line(i == 20 ? "\"" + std::string(150000, 'y') + "\"" : std::to_string(i)) + "\n";
    }
    text += Line("ACC 1") + "\n" + Line("ACC 1") + "\n";
    const auto expected = Validate(text);
    EXPECT_EQ(expected.findings, (Lines{{21, "DIDS072"}, {52, "DIDS071"}}));
    for (size_t window : {1000u, 70000u, 100000u}) {
        PipelineOptions options;
        options.window_bytes = window;
        options.min_chunk_bytes = 300;
        for (From from : {From::kMemory, From::kFile}) {
            const auto out = Validate(text, options, nullptr, from);
            EXPECT_EQ(out.findings, expected.findings) << window;
            EXPECT_TRUE(out.file_errors.empty()) << window;
            EXPECT_EQ(out.records.total, 52u);
        }
    }
}

// A file still being written when it is validated (an extract copied in while the check
// runs) gives no report at all, and its records never reach the sink's keeping.
TEST(PipelineTest, AFileThatGrowsWhileReadIsRefused) {
    std::string text = Header() + "\n";
    for (int i = 0; i < 200; ++i) text += Line(std::to_string(i)) + "\n";
    const std::string path = ::testing::TempDir() + "pipeline_test_grows_" + std::to_string(::getpid()) + ".csv";
    std::ofstream(path, std::ios::binary) << text;
    auto source = FileSource::Open(path);
    ASSERT_TRUE(source);
    PipelineOptions options;
    options.window_bytes = 4096;
    options.min_chunk_bytes = 300;
    bool appended = false;
    options.progress = [&](uint64_t) {
        if (!std::exchange(appended, true))
            std::ofstream(path, std::ios::binary | std::ios::app) << Line("late") << "\n";
    };
    validate::ValidationContext context;
    context.submitted = *core::Date::Parse("2026-11-05");
    context.period = core::Period::Parse("2026-10");
    CountingSink sink;
    const auto report = ValidateCsv(**source, context, options, &sink);
    std::remove(path.c_str());
    ASSERT_TRUE(appended);
    ASSERT_FALSE(report);
    EXPECT_NE(report.error().message.find(path + " changed while it was being read"), std::string::npos);
    EXPECT_FALSE(sink.kept);
}

// Accepted records carry their file line, whichever window and chunk they came from.
TEST(PipelineTest, AcceptedRecordsKnowTheirLines) {
    std::string text = Header() + "\n";
    for (int i = 0; i < 2000; ++i) text += Line(std::to_string(i)) + "\n";
    PipelineOptions options;
    options.window_bytes = 10000;
    options.min_chunk_bytes = 500;
    options.threads = 3;
    CountingSink sink;
    Validate(text, options, &sink);
    ASSERT_EQ(sink.lines.size(), 2000u);
    for (size_t i = 0; i < sink.lines.size(); ++i) ASSERT_EQ(sink.lines[i], i + 2);
}

TEST(PipelineTest, FileErrorsAreFoundWhereverTheyAre) {
    std::string text;
    for (int i = 0; i < 300; ++i) text += (i == 150 || i == 299 ? "1,2,3" : Line(std::to_string(i))) + "\n";
    for (size_t window : {500u, 1u << 20}) {
        PipelineOptions options;
        options.window_bytes = window;
        options.min_chunk_bytes = 100;
        EXPECT_EQ(Validate(text, options).file_errors, (Lines{{151, "DIDS075"}, {300, "DIDS075"}}));
    }
}

// DIDC-CONTROL depends on the reader's scan of the bytes, which skips line ends: a control
// character must be found whatever the line ends, quoting, windows and chunks around it.
TEST(PipelineTest, ControlCharactersAreFoundWhereverTheyAre) {
    const std::vector<Field> fields = {Field::kNhsNumber,  Field::kBirthDate,     Field::kPostcode,
                                       Field::kGpPractice, Field::kReferringOrg,  Field::kTestDate,
                                       Field::kSnomedCode, Field::kSourceSetting, Field::kSiteCode};
    std::string text = Header() + "\r\n";
    Lines expected;  // DIDC-CONTROL and DIDS072 only
    uint64_t line = 2;
    for (int i = 0; i < 400; ++i) {
        const std::string id = std::to_string(i);
        std::string record;
        std::string end = i % 3 == 0 ? "\n" : "\r\n";
        uint64_t lines = 1;
        if (i % 17 == 3) {  // a NUL in a field, unquoted
            const Field field = fields[static_cast<size_t>(i) % fields.size()];
            record = Line(id, {{field, "RH8" + std::string(1, '\0') + "02"}});
            expected.emplace_back(line, "DIDC-CONTROL");
        } else if (i % 23 == 5) {  // a CRLF inside quotes: data, but a control character
            record = Line(id, {{Field::kReferringOrg, "\"B82005\r\n\""}});
            expected.emplace_back(line, "DIDC-CONTROL");
            lines = 2;
        } else if (i % 29 == 7) {  // a lone CR just before the line's own CRLF: the accession's
            record = Line(id) + "\r";
            end = "\r\n";
            expected.emplace_back(line, "DIDS072");
        } else if (i % 31 == 11) {  // DEL and a C1 control, in the field before the accession
            record = Line(id, {{Field::kSiteCode, "RH802\x7F\xC2\x9F"}});
            expected.emplace_back(line, "DIDC-CONTROL");
        } else {  // £ (C2 A3) is not a control
            record = Line(id, {{Field::kPostcode, i % 2 == 0 ? "LS1 4AP" : "\"\xC2\xA3 LS1 4AP\""}});
        }
        text += record + end;
        line += lines;
    }
    for (size_t threads : {1u, 2u, 3u}) {
        for (size_t window : {700u, 4096u, 1u << 20}) {
            for (size_t chunk : {64u, 1000u, 1u << 18}) {
                PipelineOptions options;
                options.threads = threads;
                options.window_bytes = window;
                options.min_chunk_bytes = chunk;
                const auto out = Validate(text, options);
                Lines control;
                std::copy_if(out.findings.begin(), out.findings.end(), std::back_inserter(control),
                             [](const auto& f) { return f.second == "DIDC-CONTROL" || f.second == "DIDS072"; });
                EXPECT_EQ(control, expected) << threads << " " << window << " " << chunk;
                for (const std::string& value : out.values) {
                    EXPECT_FALSE(core::HasControlCharacter(value)) << value;
                }
                for (const std::string& message : out.messages) {
                    EXPECT_FALSE(core::HasControlCharacter(message)) << message;
                }
            }
        }
    }
}

TEST(PipelineTest, HeaderNamesAreShownWithTheirControlCharacters) {
    using namespace std::string_literals;
    std::string header = Header();
    header.replace(header.find("PERSON BIRTH DATE"), 17, "D\0B"s);
    const auto out = Validate(header + "\n" + Line("A1") + "\n");
    EXPECT_EQ(out.file_errors, (Lines{{1, "DIDC-HEADER"}}));
    EXPECT_EQ(out.messages[0],
              "the header row does not name the DID columns in order: column 3 is 'D<NUL>B', expected "
              "PERSON BIRTH DATE");
}

}  // namespace
}  // namespace did::ingest
