#include "core/nhs_number.hpp"

#include <gtest/gtest.h>

namespace did::core {
namespace {

TEST(NhsNumberTest, KnownValidNumbers) {
    EXPECT_EQ(CheckNhsNumber("4010232137"), NhsNumberCheck::kValid);
    EXPECT_EQ(CheckNhsNumber("9434765919"), NhsNumberCheck::kValid);
}

TEST(NhsNumberTest, CheckDigitTenIsNeverValid) {
    EXPECT_EQ(CheckNhsNumber("1234567890"), NhsNumberCheck::kCheckDigitTen);
    EXPECT_FALSE(NhsNumberCheckDigit("123456789"));
}

TEST(NhsNumberTest, PalindromesAreRefused) {
    EXPECT_EQ(CheckNhsNumber("1234554321"), NhsNumberCheck::kPalindrome);
    EXPECT_EQ(CheckNhsNumber("0000000000"), NhsNumberCheck::kPalindrome);
}

TEST(NhsNumberTest, WrongCheckDigit) {
    EXPECT_EQ(CheckNhsNumber("4010232138"), NhsNumberCheck::kWrongCheckDigit);
    EXPECT_EQ(CheckNhsNumber("9876544321"), NhsNumberCheck::kWrongCheckDigit);
}

TEST(NhsNumberTest, NotTenDigits) {
    for (std::string_view bad : {"401023213", "40102321370", "401 023 2137", "401023213X", "", "４010232137"}) {
        EXPECT_EQ(CheckNhsNumber(bad), NhsNumberCheck::kNotTenDigits) << bad;
    }
}

TEST(NhsNumberTest, CheckDigitElevenBecomesZero) {
    // 999000005 has a weighted sum that is a multiple of 11, so its check digit is 0.
    int sum = 0;
    const std::string nine = "999000005";
    for (int i = 0; i < 9; ++i) sum += (nine[static_cast<size_t>(i)] - '0') * (10 - i);
    ASSERT_EQ(sum % 11, 0);
    EXPECT_EQ(NhsNumberCheckDigit(nine), 0);
    EXPECT_EQ(CheckNhsNumber("9990000050"), NhsNumberCheck::kValid);
}

}  // namespace
}  // namespace did::core

namespace did::core {
namespace {

// The word-at-a-time check against the plain definition, on many numbers.
TEST(NhsNumberTest, AgreesWithTheDefinitionEverywhere) {
    uint64_t state = 12345;
    for (int i = 0; i < 200000; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        std::string number = std::to_string(state % 10000000000ULL);
        number.insert(0, 10 - number.size(), '0');
        int sum = 0;
        for (int k = 0; k < 9; ++k) sum += (number[static_cast<size_t>(k)] - '0') * (10 - k);
        int check = 11 - sum % 11;
        NhsNumberCheck expected;
        if (check == 10) {
            expected = NhsNumberCheck::kCheckDigitTen;
        } else if ((check == 11 ? 0 : check) != number[9] - '0') {
            expected = NhsNumberCheck::kWrongCheckDigit;
        } else {
            expected = std::string(number.rbegin(), number.rend()) == number ? NhsNumberCheck::kPalindrome
                                                                             : NhsNumberCheck::kValid;
        }
        ASSERT_EQ(CheckNhsNumber(number), expected) << number;
    }
    // Characters around the digits in ASCII must not pass as digits.
    for (char c : {'/', ':', '@', ' ', '\x80', '\xb0'}) {
        std::string number = "4010232137";
        for (size_t at = 0; at < 10; ++at) {
            std::string bad = number;
            bad[at] = c;
            EXPECT_EQ(CheckNhsNumber(bad), NhsNumberCheck::kNotTenDigits) << bad;
        }
    }
}

}  // namespace
}  // namespace did::core
