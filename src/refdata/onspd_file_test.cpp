#include "refdata/onspd_file.hpp"

#include <gtest/gtest.h>

namespace did::refdata {
namespace {

TEST(OnspdFileTest, FindsColumnsByName) {
    auto columns =
        OnspdColumns::FromHeader({"pcd", "pcd2", "pcds", "dointr", "doterm", "oslaua", "rgn", "lsoa11", "icb"});
    ASSERT_TRUE(columns);
    EXPECT_EQ(columns->pcds, 2);
    EXPECT_EQ(columns->lsoa, 7);
    auto newer = OnspdColumns::FromHeader({"pcds", "lsoa11", "lsoa21"});
    EXPECT_EQ(newer->lsoa, 2);
    EXPECT_FALSE(OnspdColumns::FromHeader({"postcode", "x"}));
}

TEST(OnspdFileTest, MapsARowToTheStoredPostcode) {
    const auto columns = *OnspdColumns::FromHeader(
        {"pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "oslaua", "osward", "rgn", "lsoa11", "lsoa21", "icb"});
    const std::vector<std::string_view> live = {"LS1 4AP",   "LS1 4AP",   "LS1  4AP",  "198001",
                                                "",          "E99999999", "E08000035", "E05000001",
                                                "E12000003", "E01000000", "E01030000", "E54000054"};
    OnspdEntry entry;
    ASSERT_TRUE(ReadOnspdRow(columns, live, entry));
    EXPECT_EQ(entry.postcode, "LS1 4AP");  // one space, as pcds is meant to be
    EXPECT_EQ(entry.terminated, "");
    EXPECT_EQ(entry.local_authority, "E08000035");
    EXPECT_EQ(entry.region, "E12000003");
    EXPECT_EQ(entry.lsoa, "E01030000");  // lsoa21 before lsoa11
    EXPECT_EQ(entry.icb, "E54000054");
}

TEST(OnspdFileTest, KeepsTheTerminationMonthTheDirectoryGives) {
    const auto columns = *OnspdColumns::FromHeader({"pcds", "doterm"});
    OnspdEntry entry;
    ASSERT_TRUE(ReadOnspdRow(columns, std::vector<std::string_view>{"LS1 5GW", "201906"}, entry));
    EXPECT_EQ(entry.terminated, "2019-06");
    ASSERT_TRUE(ReadOnspdRow(columns, std::vector<std::string_view>{"LS1 5GW", "20190615"}, entry));
    EXPECT_EQ(entry.terminated, "2019-06-15");
    for (std::string_view bad : {"201913", "2019", "20190230", "2019-6"}) {
        ASSERT_TRUE(ReadOnspdRow(columns, std::vector<std::string_view>{"LS1 5GW", bad}, entry));
        EXPECT_EQ(entry.terminated, "") << bad;
    }
}

TEST(OnspdFileTest, AShortRowLeavesTheMissingColumnsEmptyAndABadPostcodeIsRefused) {
    const auto columns = *OnspdColumns::FromHeader({"pcds", "oslaua", "icb"});
    OnspdEntry entry;
    entry.icb = "left over";
    ASSERT_TRUE(ReadOnspdRow(columns, std::vector<std::string_view>{"EC1A 1BB", "E09000001"}, entry));
    EXPECT_EQ(entry.local_authority, "E09000001");
    EXPECT_EQ(entry.icb, "");
    const auto bad = ReadOnspdRow(columns, std::vector<std::string_view>{"NOT A CODE"}, entry);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message, "'NOT A CODE' is not a postcode");
}

// The directory is the authority on what exists: a row whose letters DIDS017 would refuse
// (here an inward code with C) is still read, rather than refusing the whole national file.
TEST(OnspdFileTest, ReadsAPostcodeOfTheRightShapeWhateverItsLetters) {
    const auto columns = *OnspdColumns::FromHeader({"pcds"});
    OnspdEntry entry;
    ASSERT_TRUE(ReadOnspdRow(columns, std::vector<std::string_view>{"LS1 4AC"}, entry));
    EXPECT_EQ(entry.postcode, "LS1 4AC");
}

}  // namespace
}  // namespace did::refdata
