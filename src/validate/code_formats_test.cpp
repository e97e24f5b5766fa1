#include "validate/code_formats.hpp"

#include <gtest/gtest.h>

namespace did::validate {
namespace {

TEST(CodeFormatsTest, SiteCodes) {
    EXPECT_TRUE(IsSiteCode("RH802"));
    EXPECT_TRUE(IsSiteCode("NV701"));
    EXPECT_TRUE(IsSiteCode("8A718"));
    EXPECT_FALSE(IsSiteCode("RXD"));
    EXPECT_FALSE(IsSiteCode("rh802"));
    EXPECT_FALSE(IsSiteCode("RH8021"));
}

TEST(CodeFormatsTest, GpPracticeCodes) {
    EXPECT_TRUE(IsGpPracticeCode("A81001"));
    EXPECT_TRUE(IsGpPracticeCode("V81999"));
    EXPECT_FALSE(IsGpPracticeCode("A8100"));
    EXPECT_FALSE(IsGpPracticeCode("AB1001"));
}

TEST(CodeFormatsTest, TwoDigitCodes) {
    EXPECT_TRUE(IsNhsNumberStatus("08"));
    EXPECT_FALSE(IsNhsNumberStatus("8"));
    EXPECT_TRUE(IsSourceSetting("07"));
    EXPECT_FALSE(IsSourceSetting("08"));
}

}  // namespace
}  // namespace did::validate
