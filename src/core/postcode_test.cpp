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

// Each letter rule with a postcode it refuses and one it lets through, the rest of the code alike.
TEST(PostcodeTest, LettersByPosition) {
    struct Case {
        std::string_view bad;
        std::string_view good;
        std::string_view why;
    };
    for (const Case& c : {
             Case{"QA1 1AA", "PA1 1AA", "the first letter is never Q, V or X"},
             Case{"V1A 1AA", "W1A 1AA", "the first letter is never Q, V or X"},
             Case{"X1 1AA", "S1 1AA", "the first letter is never Q, V or X"},
             Case{"AI1 1AA", "AL1 1AA", "the second letter is never I, J or Z"},
             Case{"BJ12 1AA", "BT12 1AA", "the second letter is never I, J or Z"},
             Case{"SZ1A 1AA", "SW1A 1AA", "the second letter is never I, J or Z"},
             Case{"W1L 0AX", "W1K 0AX", "a letter third (A9A) is one of A B C D E F G H J K P S T U W"},
             Case{"E1Y 1AA", "E1W 1AA", "a letter third (A9A) is one of A B C D E F G H J K P S T U W"},
             Case{"EC1C 1BB", "EC1V 1BB", "a letter fourth (AA9A) is one of A B E H M N P R V W X Y"},
             Case{"SW1Z 1AA", "SW1Y 1AA", "a letter fourth (AA9A) is one of A B E H M N P R V W X Y"},
             Case{"LS1 4AC", "LS1 4AB", "the inward code's letters are never C, I, K, M, O or V"},
             Case{"LS1 4IA", "LS1 4JA", "the inward code's letters are never C, I, K, M, O or V"},
             Case{"LS14KA", "LS14LA", "the inward code's letters are never C, I, K, M, O or V"},
             Case{"M1  1AM", "M1  1AN", "the inward code's letters are never C, I, K, M, O or V"},
             Case{"EC1A 1OB", "EC1A 1PB", "the inward code's letters are never C, I, K, M, O or V"},
             Case{"B33 8VH", "B33 8TH", "the inward code's letters are never C, I, K, M, O or V"},
         }) {
        EXPECT_FALSE(IsPostcodeFormat(c.bad)) << c.bad;
        EXPECT_TRUE(IsPostcodeShape(c.bad)) << c.bad;
        EXPECT_EQ(PostcodeLetterFault(c.bad), c.why) << c.bad;
        EXPECT_TRUE(IsPostcodeFormat(c.good)) << c.good;
        EXPECT_EQ(PostcodeLetterFault(c.good), "") << c.good;
    }
}

TEST(PostcodeTest, GirobankAndTheNhsPseudoPostcodesKeepTheirLetters) {
    for (std::string_view ok : {"GIR 0AA", "GIR0AA", "ZZ99 3VZ", "ZZ99 3WZ", "ZZ993CZ"}) {
        EXPECT_TRUE(IsPostcodeFormat(ok)) << ok;
        EXPECT_EQ(PostcodeLetterFault(ok), "") << ok;
    }
    for (std::string_view bad : {"GIR 0AB", "gir 0aa", "ZZ98 3VZ", "ZZ99 VZ", "zz99 3vz"}) {
        EXPECT_FALSE(IsPostcodeFormat(bad)) << bad;
    }
}

TEST(PostcodeTest, TheShapeAloneTakesAnyLetter) {
    for (std::string_view ok : {"QA1 1AA", "V1A 1AA", "AI1 1AA", "LS1 4AC", "LS1 4AP", "GIR 0AA"}) {
        EXPECT_TRUE(IsPostcodeShape(ok)) << ok;
    }
    for (std::string_view bad : {"ls1 4ac", "LS1", "LS1-4AP", "LS1 44P", "LSSS 4AP"}) {
        EXPECT_FALSE(IsPostcodeShape(bad)) << bad;
        EXPECT_EQ(PostcodeLetterFault(bad), "") << bad;  // a fault of shape, not of letters
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
