#include "core/postcode.hpp"

#include <gtest/gtest.h>

namespace did::core {
namespace {

TEST(PostcodeTest, AcceptsEveryOutwardShape) {
    for (std::string_view ok : {"M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB", "LS14AP", "LS1  4AP",
                                "ZZ99 3VZ", "GIR 0AA", "ZP0M 5FL"}) {
        EXPECT_TRUE(IsPostcodeFormat(ok)) << ok;
    }
}

TEST(PostcodeTest, RefusesOtherShapes) {
    for (std::string_view bad : {"ls1 4ap", "LS1 4Ap", "LS1", "1LS 4AP", "LS1 AAP", "LS1-4AP", "LS1 4AP5", "LSSS 4AP",
                                 "", "LS1   4AP", "L 4AP", "LS1 44P"}) {
        EXPECT_FALSE(IsPostcodeFormat(bad)) << bad;
    }
}

TEST(PostcodeTest, NormalisesToOneSpace) {
    EXPECT_EQ(NormalisePostcode("LS14AP"), "LS1 4AP");
    EXPECT_EQ(NormalisePostcode("LS1  4AP"), "LS1 4AP");
    EXPECT_EQ(NormalisePostcode("EC1A 1BB"), "EC1A 1BB");
}

TEST(PostcodeTest, DistrictAndArea) {
    EXPECT_EQ(PostcodeDistrict("EC1A 1BB"), "EC1A");
    EXPECT_EQ(PostcodeDistrict("LS14AP"), "LS1");
    EXPECT_EQ(PostcodeArea("EC1A 1BB"), "EC");
    EXPECT_EQ(PostcodeArea("M1 1AE"), "M");
}

}  // namespace
}  // namespace did::core
