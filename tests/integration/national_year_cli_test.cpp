// `did generate --national` end to end, as the central team would use a generated year: its
// reference data imported with `did refdata`, some of its files submitted as listed in
// submissions.csv, each stored whole, every record accepted against that reference data.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "integration/process.hpp"

namespace {

const std::string kDid = DID_BINARY;

class NationalYearCliTest : public ::testing::Test {
  protected:
    void SetUp() override { dir_ = did::testing::MakeTempDir("did_national_year"); }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    // did in the temporary directory, with its own database and data directory.
    did::testing::ProcessResult Did(const std::string& args) const {
        return did::testing::Run("cd '" + dir_ + "' && DID_USER=admin.central DID_DATA_DIR='" + dir_ +
                                 "/data' DID_DB='sqlite:" + dir_ + "/did.sqlite' '" + kDid + "' " + args + " 2>&1");
    }
    std::string dir_;
};

std::vector<std::string> Split(const std::string& line) {
    std::vector<std::string> cells;
    std::istringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    return cells;
}

TEST_F(NationalYearCliTest, AGeneratedYearImportsAndItsFilesAreStoredWithNoRecordRejected) {
    auto r = Did("generate --national --year 2025-26 --scale 0.0005 --seed 11 --out-dir year");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("1,800 files"), std::string::npos) << r.out;
    for (const char* file : {"epraccur", "etr", "ets", "ephp"}) {
        r = Did(std::string("refdata import-ods year/") + file + ".csv");
        ASSERT_EQ(r.exit_code, 0) << file << "\n" << r.out;
    }
    r = Did("refdata import-postcodes year/onspd.csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    r = Did("refdata import-icbs year/icb.csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("Imported 42 ICBs"), std::string::npos) << r.out;

    std::vector<std::vector<std::string>> listed;
    std::istringstream in(did::testing::ReadText(dir_ + "/year/submissions.csv"));
    std::string line;
    std::getline(in, line);
    ASSERT_EQ(line, "provider,period,file,submitted");
    while (std::getline(in, line)) listed.push_back(Split(line));
    ASSERT_EQ(listed.size(), 1800u);

    // The first provider's April, a file from the middle of the year, and the last provider's
    // March (an independent provider's: the last of each region is one).
    for (const auto& row : {listed.front(), listed[listed.size() / 2 + 7], listed.back()}) {
        ASSERT_EQ(row.size(), 4u);
        const std::string records = did::testing::ReadText(dir_ + "/year/" + row[2]);
        const auto lines = static_cast<uint64_t>(std::count(records.begin(), records.end(), '\n'));
        r = Did("submit --provider " + row[0] + " --period " + row[1] + " year/" + row[2] + " --submitted " + row[3] +
                " --format json");
        ASSERT_EQ(r.exit_code, 0) << row[2] << "\n" << r.out;
        const auto json = nlohmann::json::parse(r.out);
        EXPECT_EQ(json["result"], "stored") << row[2];
        EXPECT_EQ(json["report"]["records"]["total"], lines - 1) << row[2];
        EXPECT_EQ(json["report"]["records"]["accepted"], lines - 1) << row[2];
        EXPECT_EQ(json["report"]["records"]["rejected"], 0) << row[2] << "\n" << r.out;
        EXPECT_EQ(json["report"]["records"]["warned"], 0) << row[2] << "\n" << r.out;
        EXPECT_EQ(json["receipt"]["on_time"], true) << row[2];
    }

    // The statistics count them, by the providers' regions.
    r = Did("report table1 --year 2025-26 --format csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    for (const auto& row : {listed.front(), listed.back()}) {
        EXPECT_NE(r.out.find("," + row[0] + ","), std::string::npos) << row[0] << "\n" << r.out;
    }
    EXPECT_EQ(r.out.find("Region not known"), std::string::npos) << r.out;

    // By commissioner: every ICB the practices and postcodes give is one of the 42, named, in
    // its region.
    r = Did("report table7a --year 2025-26 --format csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("Integrated Care Board"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Name not known"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find(",E54"), std::string::npos) << r.out;
}

// --national decides each file's rows, month, day, provider and sites itself, and its own
// options mean nothing without it: both refused, saying why, before anything is written.
TEST_F(NationalYearCliTest, OptionsThatDoNotGoTogetherAreRefused) {
    for (const auto& [args, said] : std::vector<std::pair<std::string, std::string>>{
             {"--national --year 2025-26 --out-dir year --rows 5", "--rows is for a single extract"},
             {"--national --year 2025-26 --out-dir year --provider RXX", "--provider is for a single extract"},
             {"--national --out-dir year", "--national needs --year and --out-dir"},
             {"--national --year 2025-26", "--national needs --year and --out-dir"},
             {"--year 2025-26 --out-dir year", "--year is for --national"},
             {"--national --year 2025-26 --out-dir year --scale 0", "--scale must be more than 0"},
         }) {
        const auto r = Did("generate " + args);
        EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.out;
        EXPECT_NE(r.out.find(said), std::string::npos) << args << "\n" << r.out;
    }
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/year"));
}

}  // namespace
