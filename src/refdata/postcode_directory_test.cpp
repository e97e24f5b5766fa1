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

}  // namespace
}  // namespace did::refdata
