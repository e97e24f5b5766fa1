#include "service/totp.hpp"

#include <gtest/gtest.h>

#include <string>

namespace did::service {
namespace {

std::span<const uint8_t> Bytes(std::string_view text) {
    return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

TEST(Base32Test, Rfc4648Vectors) {
    const std::pair<std::string_view, std::string_view> vectors[] = {
        {"", ""},
        {"f", "MY"},
        {"fo", "MZXQ"},
        {"foo", "MZXW6"},
        {"foob", "MZXW6YQ"},
        {"fooba", "MZXW6YTB"},
        {"foobar", "MZXW6YTBOI"},
    };
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(Base32Encode(Bytes(plain)), encoded) << plain;
        const auto decoded = Base32Decode(encoded);
        ASSERT_TRUE(decoded) << encoded;
        EXPECT_EQ(std::string(decoded->begin(), decoded->end()), plain);
    }
}

TEST(Base32Test, DecodeIgnoresCaseSpacesAndPadding) {
    const auto decoded = Base32Decode("mzxw 6ytb oi======");
    ASSERT_TRUE(decoded);
    EXPECT_EQ(std::string(decoded->begin(), decoded->end()), "foobar");
}

TEST(Base32Test, DecodeRefusesOtherCharactersAndImpossibleLengths) {
    EXPECT_EQ(Base32Decode("MZXW1"), std::nullopt);  // 1 is not base32
    EXPECT_EQ(Base32Decode("MZXW-6"), std::nullopt);
    EXPECT_EQ(Base32Decode("MZ\tXW"), std::nullopt);
    EXPECT_EQ(Base32Decode("M"), std::nullopt);
    EXPECT_EQ(Base32Decode("MZX"), std::nullopt);
    EXPECT_EQ(Base32Decode("MZXW6Y"), std::nullopt);
}

TEST(TotpTest, NewSecretIsTwentyRandomBytes) {
    const std::string secret = NewTotpSecret();
    EXPECT_EQ(secret.size(), 32U);
    const auto key = Base32Decode(secret);
    ASSERT_TRUE(key);
    EXPECT_EQ(key->size(), 20U);
    EXPECT_NE(NewTotpSecret(), secret);
}

TEST(TotpTest, Rfc6238Sha1Vectors) {
    const auto key = Bytes("12345678901234567890");
    EXPECT_EQ(TotpCode(key, 59, 8), "94287082");
    EXPECT_EQ(TotpCode(key, 1111111109, 8), "07081804");
    EXPECT_EQ(TotpCode(key, 1111111111, 8), "14050471");
    EXPECT_EQ(TotpCode(key, 1234567890, 8), "89005924");
    EXPECT_EQ(TotpCode(key, 2000000000, 8), "69279037");
    EXPECT_EQ(TotpCode(key, 20000000000, 8), "65353130");
    // Six digits are the last six of the eight.
    EXPECT_EQ(TotpCode(key, 59), "287082");
    EXPECT_EQ(TotpCode(key, 1111111109), "081804");
}

TEST(TotpTest, StepsAreThirtySecondsFromTheEpoch) {
    EXPECT_EQ(TotpStep(0), 0);
    EXPECT_EQ(TotpStep(29), 0);
    EXPECT_EQ(TotpStep(30), 1);
    EXPECT_EQ(TotpStep(-1), -1);
    EXPECT_EQ(TotpStep(59), 1);
}

// The secret of the RFC's test key, and the step and code at 1111111109.
constexpr std::string_view kSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
constexpr int64_t kNow = 1111111109;

std::string CodeAt(int64_t unix_seconds) {
    return TotpCode(*Base32Decode(kSecret), unix_seconds);
}

TEST(TotpTest, VerifyAcceptsTheCurrentStepAndOneEitherSide) {
    const int64_t step = TotpStep(kNow);
    EXPECT_EQ(VerifyTotp(kSecret, CodeAt(kNow), kNow, 0), step);
    EXPECT_EQ(VerifyTotp(kSecret, CodeAt(kNow - 30), kNow, 0), step - 1);
    EXPECT_EQ(VerifyTotp(kSecret, CodeAt(kNow + 30), kNow, 0), step + 1);
    EXPECT_EQ(VerifyTotp(kSecret, CodeAt(kNow - 60), kNow, 0), std::nullopt);
    EXPECT_EQ(VerifyTotp(kSecret, CodeAt(kNow + 60), kNow, 0), std::nullopt);
    // The secret as an app shows it: lower case, in groups.
    EXPECT_EQ(VerifyTotp("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", CodeAt(kNow), kNow, 0), step);
}

TEST(TotpTest, VerifyRefusesACodeAlreadyUsed) {
    const int64_t step = TotpStep(kNow);
    const std::string code = CodeAt(kNow);
    const auto used = VerifyTotp(kSecret, code, kNow, 0);
    ASSERT_EQ(used, step);
    EXPECT_EQ(VerifyTotp(kSecret, code, kNow, *used), std::nullopt);
    EXPECT_EQ(VerifyTotp(kSecret, code, kNow + 10, *used), std::nullopt);
    // Nor an earlier step's code once a later one has been used.
    EXPECT_EQ(VerifyTotp(kSecret, CodeAt(kNow - 30), kNow, *used), std::nullopt);
    // The next step's code still works.
    EXPECT_EQ(VerifyTotp(kSecret, CodeAt(kNow + 30), kNow, *used), step + 1);
}

TEST(TotpTest, VerifyTakesSpacesWithinTheCode) {
    const std::string code = CodeAt(kNow);
    const std::string spaced = code.substr(0, 3) + " " + code.substr(3);
    EXPECT_EQ(VerifyTotp(kSecret, spaced, kNow, 0), TotpStep(kNow));
    EXPECT_EQ(VerifyTotp(kSecret, " " + code + " ", kNow, 0), TotpStep(kNow));
}

TEST(TotpTest, VerifyRefusesMalformedCodes) {
    const std::string code = CodeAt(kNow);
    EXPECT_EQ(VerifyTotp(kSecret, "", kNow, 0), std::nullopt);
    EXPECT_EQ(VerifyTotp(kSecret, code.substr(0, 5), kNow, 0), std::nullopt);
    EXPECT_EQ(VerifyTotp(kSecret, code + "0", kNow, 0), std::nullopt);
    EXPECT_EQ(VerifyTotp(kSecret, "0" + code, kNow, 0), std::nullopt);
    EXPECT_EQ(VerifyTotp(kSecret, code.substr(0, 3) + "-" + code.substr(3), kNow, 0), std::nullopt);
    EXPECT_EQ(VerifyTotp(kSecret, code.substr(0, 5) + "a", kNow, 0), std::nullopt);
    EXPECT_EQ(VerifyTotp(kSecret, TotpCode(*Base32Decode(kSecret), kNow, 8), kNow, 0), std::nullopt);
    // Non-ASCII digits: Arabic-Indic zero (U+0660) and full-width one (U+FF11).
    EXPECT_EQ(VerifyTotp(kSecret, code.substr(0, 5) + "\xd9\xa0", kNow, 0), std::nullopt);
    EXPECT_EQ(VerifyTotp(kSecret, code.substr(0, 5) + "\xef\xbc\x91", kNow, 0), std::nullopt);
}

TEST(TotpTest, VerifyRefusesABadSecret) {
    EXPECT_EQ(VerifyTotp("", "123456", kNow, 0), std::nullopt);
    EXPECT_EQ(VerifyTotp("not base32!", "123456", kNow, 0), std::nullopt);
}

TEST(TotpTest, OtpauthUriEncodesIssuerAndAccount) {
    EXPECT_EQ(OtpauthUri("DID Collect", "jane.smith@nhs.net", "JBSWY3DPEHPK3PXP"),
              "otpauth://totp/DID%20Collect:jane.smith%40nhs.net?secret=JBSWY3DPEHPK3PXP&issuer=DID%20Collect"
              "&algorithm=SHA1&digits=6&period=30");
    EXPECT_EQ(OtpauthUri("A&B:C", "x_y-z~1", "MZXW6"),
              "otpauth://totp/A%26B%3AC:x_y-z~1?secret=MZXW6&issuer=A%26B%3AC&algorithm=SHA1&digits=6&period=30");
    // Bytes of UTF-8 text are encoded one by one.
    EXPECT_EQ(OtpauthUri("é", "a", "MZXW6"),
              "otpauth://totp/%C3%A9:a?secret=MZXW6&issuer=%C3%A9&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace did::service
