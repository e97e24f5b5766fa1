#include "service/secret_token.hpp"

#include <gtest/gtest.h>

#include <array>

#include "core/sha256.hpp"

namespace did::service {
namespace {

bool UrlSafe(std::string_view token) {
    for (const char c : token) {
        const bool ok =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

TEST(SecretTokenTest, UrlSafeBase64WithoutPadding) {
    const std::string token = NewSecretToken();
    EXPECT_EQ(token.size(), 43U);  // 32 bytes: 256 bits at 6 a character
    EXPECT_TRUE(UrlSafe(token)) << token;
    EXPECT_NE(NewSecretToken(), token);
    EXPECT_EQ(NewSecretToken(16).size(), 22U);
    EXPECT_EQ(NewSecretToken(3).size(), 4U);
    EXPECT_TRUE(NewSecretToken(0).empty());
    // Long enough that '-' and '_' (each one character in 64) turn up: 4,000 characters.
    const std::string long_token = NewSecretToken(3000);
    EXPECT_TRUE(UrlSafe(long_token));
    EXPECT_NE(long_token.find('-'), std::string::npos);
    EXPECT_NE(long_token.find('_'), std::string::npos);
}

TEST(SecretTokenTest, RandomBytesFillTheBuffer) {
    std::array<uint8_t, 64> a{};
    std::array<uint8_t, 64> b{};
    RandomBytes(a);
    RandomBytes(b);
    EXPECT_NE(a, b);
    EXPECT_NE(a, (std::array<uint8_t, 64>{}));
}

TEST(SecretTokenTest, DigestIsSha256Hex) {
    EXPECT_EQ(SecretTokenDigest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(SecretTokenDigest("abc"), core::Sha256::Of("abc"));
}

TEST(SecretTokenTest, SameSecret) {
    EXPECT_TRUE(SameSecret("token", "token"));
    EXPECT_FALSE(SameSecret("token", "tokeN"));
    EXPECT_FALSE(SameSecret("token", "token2"));
    EXPECT_FALSE(SameSecret("token", ""));
    EXPECT_FALSE(SameSecret("", ""));
    EXPECT_TRUE(SameSecret(std::string("a\0b", 3), std::string("a\0b", 3)));
    EXPECT_FALSE(SameSecret(std::string("a\0b", 3), std::string("a\0c", 3)));
}

}  // namespace
}  // namespace did::service
