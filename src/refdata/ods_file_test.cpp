#include "refdata/ods_file.hpp"

#include <gtest/gtest.h>

namespace did::refdata {
namespace {

TEST(OdsFileTest, ReadsPracticesWithDatesAndCommissioner) {
    const auto result = ParseOdsFile(
        "\"B82005\",\"THE SURGERY\",\"Y63\",\"QWO\",\"1 HIGH ST\",\"\",\"LEEDS\",\"\",\"\",\"LS1 4AP\",\"19740401\","
        "\"\",\"A\",\"4\",\"15F\",\"\"\n"
        "B82006,CLOSED SURGERY,Y63,QWO,,,,,,LS2 7QQ,19900101,20200331,C,4,15F\n",
        OrgKind::kGpPractice);
    ASSERT_EQ(result.problem_count, 0u) << result.problems[0];
    ASSERT_EQ(result.organisations.size(), 2u);
    const Organisation& open = result.organisations[0];
    EXPECT_EQ(open.code, "B82005");
    EXPECT_EQ(open.postcode, "LS1 4AP");
    EXPECT_EQ(open.parent, "15F");
    EXPECT_EQ(open.region, "Y63");
    EXPECT_EQ(open.opened->ToString(), "1974-04-01");
    EXPECT_FALSE(open.closed);
    const Organisation& closed = result.organisations[1];
    EXPECT_TRUE(closed.OpenOn(*core::Date::Parse("2020-03-31")));
    EXPECT_FALSE(closed.OpenOn(*core::Date::Parse("2020-04-01")));
}

TEST(OdsFileTest, SitesBelongToTheirTrustByCode) {
    const auto result = ParseOdsFile("RH802,CITY HOSPITAL,Y60,Q71,,,,,,LS9 7TF,19970401,\n", OrgKind::kSite);
    ASSERT_EQ(result.organisations.size(), 1u);
    EXPECT_EQ(result.organisations[0].parent, "RH8");
    EXPECT_EQ(result.organisations[0].region, "Y60");
}

TEST(OdsFileTest, RefusesFilesThatAreNotOds) {
    const auto header = ParseOdsFile("code,name\nB82005,X\n", OrgKind::kGpPractice);
    EXPECT_EQ(header.problem_count, 2u);
    EXPECT_NE(header.problems[0].find("line 1: 2 columns"), std::string::npos);
    const auto dates = ParseOdsFile("B82005,X,,,,,,,,LS1 4AP,1974-04-01,\n", OrgKind::kGpPractice);
    EXPECT_EQ(dates.problem_count, 1u);
    EXPECT_NE(dates.problems[0].find("not CCYYMMDD"), std::string::npos);
}

TEST(OdsFileTest, KnowsTheUsualFileNames) {
    EXPECT_EQ(OdsKindFromFileName("/data/epraccur.csv"), OrgKind::kGpPractice);
    EXPECT_EQ(OdsKindFromFileName("etr.csv"), OrgKind::kTrust);
    EXPECT_EQ(OdsKindFromFileName("ETS.CSV"), OrgKind::kSite);
    EXPECT_FALSE(OdsKindFromFileName("organisations.csv"));
}

}  // namespace
}  // namespace did::refdata
