#include "service/recovery_codes.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/sha256.hpp"

namespace did::service {
namespace {

TEST(RecoveryCodesTest, TenCodesOfTwoGroupsOfFive) {
    const auto codes = NewRecoveryCodes();
    ASSERT_EQ(codes.size(), 10U);
    for (const auto& code : codes) {
        ASSERT_EQ(code.size(), 11U) << code;
        EXPECT_EQ(code[5], '-') << code;
        for (size_t i = 0; i < code.size(); ++i) {
            if (i == 5) continue;
            EXPECT_NE(kRecoveryCodeAlphabet.find(code[i]), std::string_view::npos) << code;
        }
    }
    EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
    EXPECT_EQ(NewRecoveryCodes(3).size(), 3U);
    EXPECT_TRUE(NewRecoveryCodes(0).empty());
}

TEST(RecoveryCodesTest, AlphabetHasNoLookAlikes) {
    EXPECT_EQ(kRecoveryCodeAlphabet.size(), 31U);
    EXPECT_EQ(kRecoveryCodeAlphabet.find_first_of("01ilo"), std::string_view::npos);
    EXPECT_EQ(std::set<char>(kRecoveryCodeAlphabet.begin(), kRecoveryCodeAlphabet.end()).size(), 31U);
}

TEST(RecoveryCodesTest, EveryCharacterTurnsUp) {
    // 1,000 characters from 31: each is missing with probability (30/31)^1000, about 10^-14.
    std::set<char> seen;
    for (const auto& code : NewRecoveryCodes(100)) seen.insert(code.begin(), code.end());
    seen.erase('-');
    EXPECT_EQ(seen.size(), kRecoveryCodeAlphabet.size());
}

TEST(RecoveryCodesTest, DigestOfTheCodeAsTyped) {
    const std::string expected = core::Sha256::Of("abcdefghjk");
    EXPECT_EQ(RecoveryCodeDigest("abcde-fghjk"), expected);
    EXPECT_EQ(RecoveryCodeDigest("ABCDE FGHJK"), expected);
    EXPECT_EQ(RecoveryCodeDigest(" abcdefghjk "), expected);
    EXPECT_EQ(RecoveryCodeDigest("ab-cd-ef-gh-jk"), expected);
    EXPECT_NE(RecoveryCodeDigest("abcde-fghjm"), expected);
    EXPECT_EQ(expected.size(), 64U);
}

}  // namespace
}  // namespace did::service
