#include "refdata/postcode_directory.hpp"

#include <gtest/gtest.h>

namespace did::refdata {
namespace {

TEST(PostcodeDirectoryTest, LooksUpInAnySpacingAndRoundTripsThroughBytes) {
    const auto directory =
        PostcodeDirectory::FromPostcodes({PostcodeDirectory::KeyOf("LS1 4AP"), PostcodeDirectory::KeyOf("EC1A1BB"),
                                          PostcodeDirectory::KeyOf("LS1 4AP")});
    EXPECT_EQ(directory.size(), 2u);
    EXPECT_TRUE(directory.Contains("LS14AP"));
    EXPECT_TRUE(directory.Contains("EC1A 1BB"));
    EXPECT_FALSE(directory.Contains("LS1 4AQ"));
    auto again = PostcodeDirectory::FromBytes(directory.ToBytes());
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->Contains("LS1  4AP"));
    EXPECT_FALSE(PostcodeDirectory::FromBytes("1234567"));
}

TEST(PostcodeDirectoryTest, FindsColumnsByName) {
    auto columns =
        OnspdColumns::FromHeader({"pcd", "pcd2", "pcds", "dointr", "doterm", "oslaua", "rgn", "lsoa11", "icb"});
    ASSERT_TRUE(columns);
    EXPECT_EQ(columns->pcds, 2);
    EXPECT_EQ(columns->lsoa, 7);
    auto newer = OnspdColumns::FromHeader({"pcds", "lsoa11", "lsoa21"});
    EXPECT_EQ(newer->lsoa, 2);
    EXPECT_FALSE(OnspdColumns::FromHeader({"postcode", "x"}));
}

}  // namespace
}  // namespace did::refdata
