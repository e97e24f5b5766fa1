// Control characters in submitted fields, end to end through the service: the records that
// hold one are rejected as findings and the rest are stored, on SQLite and PostgreSQL alike
// (PostgreSQL cannot store a NUL in text, so none may reach it).

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "service/submission.hpp"
#include "store/test_databases.hpp"
#include "store/test_store.hpp"
#include "synth/extract_generator.hpp"

namespace did::service {
namespace {

using namespace std::string_literals;
using store::Backend;

const core::Period kPeriod = *core::Period::Parse("2026-10");
const core::Date kReceived = *core::Date::Parse("2026-11-05");

class ControlCharacterTest : public ::testing::TestWithParam<Backend>, protected store::TestStore {
  protected:
    void SetUp() override {
        OpenTestStore(GetParam());
        if (!store_) return;
        dir_ = std::filesystem::temp_directory_path() /
               ("did_control_" + std::to_string(::getpid()) + "_" + store::BackendName(GetParam()));
        std::filesystem::create_directories(dir_);
    }

    void TearDown() override {
        store_.reset();
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    // A clean extract's lines, the header first.
    static std::vector<std::string> ExtractLines(uint64_t rows) {
        synth::GeneratorOptions options;
        options.rows = rows;
        options.seed = 3;
        options.period = kPeriod;
        options.submitted = kReceived;
        std::string text;
        EXPECT_TRUE(synth::GenerateExtract(options, refdata::NicipCatalogue::Shipped(), [&](std::string_view t) {
            text.append(t);
            return core::Status{};
        }));
        std::vector<std::string> lines;
        for (size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
            lines.push_back(text.substr(start, end - start));
        }
        return lines;
    }

    static std::vector<std::string> Split(const std::string& line) {
        std::vector<std::string> fields;
        size_t start = 0;
        for (size_t comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1) {
            fields.push_back(line.substr(start, comma - start));
        }
        fields.push_back(line.substr(start));
        return fields;
    }

    static std::string Join(const std::vector<std::string>& fields) {
        std::string line;
        for (size_t i = 0; i < fields.size(); ++i) line += (i == 0 ? "" : ",") + fields[i];
        return line;
    }

    SubmitOutcome Submit(const std::string& text) {
        const std::string path = (dir_ / "extract.csv").string();
        std::ofstream(path, std::ios::binary) << text;
        SubmitRequest request;
        request.provider = "RXX";
        request.period = kPeriod;
        request.path = path;
        request.file_name = "extract.csv";
        request.received_on = kReceived;
        request.actor = {"submitter", "test", Role::kCentralAdministrator};  // received on a chosen day
        request.spool_directory = dir_.string();
        auto outcome = service::Submit(*store_, refdata::NicipCatalogue::Shipped(), request);
        EXPECT_TRUE(outcome) << outcome.error().message;
        return outcome ? std::move(*outcome) : SubmitOutcome{};
    }

    int64_t Count(const std::string& sql) {
        auto row = store_->db().QueryOne(sql);
        EXPECT_TRUE(row) << row.error().message;
        return row && *row ? (*row)->Int(0) : -1;
    }

    std::string Text(const std::string& sql) {
        auto row = store_->db().QueryOne(sql);
        EXPECT_TRUE(row) << row.error().message;
        return row && *row ? (*row)->Text(0) : "?";
    }

    std::filesystem::path dir_;
};

TEST_P(ControlCharacterTest, RecordsWithANulAreRejectedAndTheRestStored) {
    std::vector<std::string> lines = ExtractLines(100);
    ASSERT_EQ(lines.size(), 101u);
    auto put_nul = [&](size_t line, core::Field field) {  // line as the report counts it: the header is 1
        std::vector<std::string> fields = Split(lines[line - 1]);
        fields[core::Index(field)].insert(2, "\0"s);
        lines[line - 1] = Join(fields);
    };
    put_nul(5, core::Field::kNhsNumber);
    put_nul(9, core::Field::kReferringOrg);   // nothing else checks it without ODS data
    put_nul(12, core::Field::kReferrerCode);  // alone, an unknown referrer is only a warning
    put_nul(20, core::Field::kAccessionNumber);
    // A repeat of line 20's accession number and site: DIDS071 quotes the value too.
    std::vector<std::string> repeat = Split(lines[39]);
    const std::vector<std::string> first = Split(lines[19]);
    repeat[core::Index(core::Field::kAccessionNumber)] = first[core::Index(core::Field::kAccessionNumber)];
    repeat[core::Index(core::Field::kSiteCode)] = first[core::Index(core::Field::kSiteCode)];
    lines[39] = Join(repeat);
    std::string text;
    for (const std::string& line : lines) text += line + "\n";

    const SubmitOutcome outcome = Submit(text);
    ASSERT_EQ(outcome.result, SubmitResult::kStored) << outcome.message;
    ASSERT_TRUE(outcome.submission);
    const std::string id = std::to_string(outcome.submission->id);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM records WHERE submission_id = " + id), 95);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM findings WHERE rule = 'DIDC-CONTROL' AND submission_id = " + id), 3);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM findings WHERE rule = 'DIDS072'"), 2);  // lines 20 and 40
    EXPECT_EQ(Count("SELECT COUNT(*) FROM findings WHERE rule = 'DIDS071'"), 1);
    const std::string value =
        Text("SELECT value FROM findings WHERE rule = 'DIDC-CONTROL' AND line = 9 AND submission_id = " + id);
    EXPECT_EQ(value.find("<NUL>"), 2u) << value;
    EXPECT_NE(Text("SELECT message FROM findings WHERE rule = 'DIDC-CONTROL' AND line = 9")
                  .find("REFERRING ORGANISATION CODE holds a control character, NUL (U+0000), at character 3"),
              std::string::npos);
    EXPECT_EQ(Text("SELECT value FROM findings WHERE rule = 'DIDS071'"),
              Text("SELECT value FROM findings WHERE rule = 'DIDS072' AND line = 20"));
}

INSTANTIATE_TEST_SUITE_P(Backends, ControlCharacterTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return store::BackendName(param_info.param); });

}  // namespace
}  // namespace did::service
