#include "ingest/rejected_records.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>

#include "core/field.hpp"
#include "ingest/pipeline.hpp"

namespace did::ingest {
namespace {

using core::Field;

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

std::string Bad(const std::string& accession) {
    return Line(accession, {{Field::kGender, "7"}});  // DIDS014 rejects it
}

validate::ValidationReport ValidateText(ByteSource& source) {
    validate::ValidationContext context;
    context.submitted = *core::Date::Parse("2026-11-05");
    context.period = core::Period::Parse("2026-10");
    auto report = ValidateCsv(source, context, PipelineOptions{});
    EXPECT_TRUE(report) << report.error().message;
    return std::move(*report);
}

// The copy of the rejected records of `text`, validated and read again from memory.
std::string Rejected(const std::string& text, validate::ValidationReport* report_out = nullptr) {
    MemorySource source(text);
    auto report = ValidateText(source);
    std::string copy;
    auto again = source.ReadAgain();
    EXPECT_TRUE(again);
    auto status = CopyRejectedRecords(*again, report, [&](std::string_view bytes) -> core::Status {
        copy += bytes;
        return {};
    });
    EXPECT_TRUE(status) << status.error().message;
    if (report_out != nullptr) *report_out = std::move(report);
    return copy;
}

TEST(RejectedRecordsTest, TheHeaderThenEachRejectedRecordAsSentWithItsLineEnd) {
    const std::string header = Header() + "\r\n";
    const std::string text =
        header + Line("A1") + "\r\n" + Bad("A2") + "\r\n" + Line("A3") + "\r\n" + Bad("A4") + "\r\n";
    validate::ValidationReport report;
    EXPECT_EQ(Rejected(text, &report), header + Bad("A2") + "\r\n" + Bad("A4") + "\r\n");
    EXPECT_EQ(*RejectedLines(report), (std::vector<uint64_t>{3, 5}));
    EXPECT_EQ(report.records.rejected, 2u);
}

TEST(RejectedRecordsTest, ARecordOverSeveralLinesIsCopiedWholeQuotesAndAll) {
    // A quoted comma and a quoted line break in the accession number, spaces around a quoted
    // value, a doubled quote: none of it is normalised.
    const std::string spread = Line("  \"A,\n2\"\"x\"  ", {{Field::kGender, "7"}});
    const std::string quoted_good = Line("\"A,3\"");
    const std::string text = Header() + "\n" + Line("A1") + "\n" + spread + "\n" + quoted_good + "\n" + Bad("A4");
    validate::ValidationReport report;
    // The last record has no line end in the file, and has none in the copy.
    EXPECT_EQ(Rejected(text, &report), Header() + "\n" + spread + "\n" + Bad("A4"));
    EXPECT_EQ(*RejectedLines(report), (std::vector<uint64_t>{3, 6}));
}

TEST(RejectedRecordsTest, AControlCharacterIsCopiedAsItIsNotAsReportsShowIt) {
    const std::string nul =
        Line(std::string("A\0"
                         "2",
                         3));
    const std::string text = Header() + "\n" + Line("A1") + "\n" + nul + "\n";
    validate::ValidationReport report;
    EXPECT_EQ(Rejected(text, &report), Header() + "\n" + nul + "\n");
    ASSERT_EQ(report.records.rejected, 1u);
}

TEST(RejectedRecordsTest, ARepeatRejectedByDids071IsCopied) {
    const std::string text = Line("A1") + "\n" + Line("A2") + "\n" + Line("A1") + "\n";
    EXPECT_EQ(Rejected(text), Line("A1") + "\n");  // the third line, no header to copy
}

TEST(RejectedRecordsTest, NothingRejectedLeavesTheHeaderAloneAndAByteOrderMarkIsKept) {
    const std::string bom = "\xEF\xBB\xBF";
    EXPECT_EQ(Rejected(Header() + "\r\n" + Line("A1") + "\r\n"), Header() + "\r\n");
    EXPECT_EQ(Rejected(bom + Header() + "\n" + Line("A1") + "\n"), bom + Header() + "\n");
    EXPECT_EQ(Rejected(bom + Line("A1") + "\n" + Bad("A2") + "\n"), bom + Bad("A2") + "\n");
    EXPECT_EQ(Rejected(Line("A1") + "\n"), "");
    EXPECT_EQ(Rejected(Header() + "\n" + Line("A1") + "\n\n\n"), Header() + "\n");  // trailing empty lines
}

TEST(RejectedRecordsTest, AFileRejectedAsAWholeIsCopiedWhole) {
    const std::string wrong_columns = Header() + "\n" + Line("A1") + "\n1,2,3\n" + Bad("A4") + "\n";
    EXPECT_EQ(Rejected(wrong_columns), wrong_columns);
    const std::string not_utf8 = Header() + "\n" + Line("caf\xE9") + "\n";
    EXPECT_EQ(Rejected(not_utf8), not_utf8);
    EXPECT_EQ(Rejected(""), "");
}

// More than one window (8 MiB), so records are found again across window boundaries.
TEST(RejectedRecordsTest, RecordsAreFoundAgainAcrossWindows) {
    std::string text = Header() + "\n";
    std::string expected = text;
    for (int i = 0; i < 80'000; ++i) {
        const std::string accession = "ACC" + std::to_string(i);
        const std::string record = i % 997 == 0    ? Bad(accession)
                                   : i % 1009 == 0 ? Line("\"" + accession + "\n\"", {{Field::kGender, "7"}})
                                                   : Line(accession);
        text += record + "\n";
        if (i % 997 == 0 || i % 1009 == 0) expected += record + "\n";
    }
    ASSERT_GT(text.size(), size_t{9} << 20);
    EXPECT_EQ(Rejected(text), expected);
}

TEST(RejectedRecordsTest, AFileChangedSinceItWasValidatedIsNotCopied) {
    const std::string path = ::testing::TempDir() + "rejected_records_test_" + std::to_string(::getpid()) + ".csv";
    std::ofstream(path, std::ios::binary) << Header() << "\n" << Line("A1") << "\n" << Bad("A2") << "\n";
    auto file = FileSource::Open(path);
    ASSERT_TRUE(file);
    const auto report = ValidateText(**file);
    auto again = (*file)->ReadAgain();
    ASSERT_TRUE(again);
    std::ofstream(path, std::ios::binary | std::ios::app) << Bad("A3") << "\n";
    const auto status = CopyRejectedRecords(*again, report, [](std::string_view) -> core::Status { return {}; });
    std::remove(path.c_str());
    ASSERT_FALSE(status);
    EXPECT_NE(status.error().message.find("changed while it was being read"), std::string::npos)
        << status.error().message;
}

TEST(RejectedRecordsTest, TheFileIsPutInPlaceOnlyWhenWritten) {
    const std::string dir = ::testing::TempDir() + "rejected_file_" + std::to_string(::getpid());
    ASSERT_EQ(std::system(("mkdir -p '" + dir + "'").c_str()), 0);
    const std::string path = dir + "/rejected.csv";
    const std::string text = Header() + "\n" + Bad("A1") + "\n";
    MemorySource source(text);
    const auto report = ValidateText(source);
    {
        auto unwritten = RejectedRecordsFile::Create(path);
        ASSERT_TRUE(unwritten);
        EXPECT_TRUE(std::ifstream(path + ".partial").good());
    }
    EXPECT_FALSE(std::ifstream(path + ".partial").good());
    EXPECT_FALSE(std::ifstream(path).good());
    auto file = RejectedRecordsFile::Create(path);
    ASSERT_TRUE(file);
    auto again = source.ReadAgain();
    ASSERT_TRUE(file->Write(*again, report));
    std::ifstream in(path, std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), text);
    EXPECT_FALSE(std::ifstream(path + ".partial").good());
    EXPECT_FALSE(RejectedRecordsFile::Create(dir + "/no/such/dir/rejected.csv"));
    ASSERT_EQ(std::system(("rm -rf '" + dir + "'").c_str()), 0);
}

}  // namespace
}  // namespace did::ingest
