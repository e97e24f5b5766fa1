#include "service/password_hash.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <string>

namespace did::service {
namespace {

TEST(PasswordHashTest, HashVerifiesItsPasswordAndNoOther) {
    const auto hash = HashPassword("correct horse battery staple");
    ASSERT_TRUE(hash) << hash.error().message;
    EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
    EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery staple"));
    EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery stapl"));
    EXPECT_FALSE(VerifyPassword(*hash, "Correct horse battery staple"));
    EXPECT_FALSE(VerifyPassword(*hash, ""));
    EXPECT_FALSE(PasswordNeedsRehash(*hash));

    // Each hash has its own salt.
    const auto again = HashPassword("correct horse battery staple");
    ASSERT_TRUE(again);
    EXPECT_NE(*again, *hash);
}

TEST(PasswordHashTest, MalformedHashesVerifyNothing) {
    const std::string password = "correct horse battery staple";
    EXPECT_FALSE(VerifyPassword("", password));
    EXPECT_FALSE(VerifyPassword("not a hash", password));
    EXPECT_FALSE(VerifyPassword("$argon2id$v=19$m=65536,t=2,p=1$", password));
    EXPECT_FALSE(VerifyPassword(std::string(1000, '$'), password));
    const auto hash = HashPassword(password);
    ASSERT_TRUE(hash);
    EXPECT_FALSE(VerifyPassword(hash->substr(0, hash->size() - 1), password));
    EXPECT_FALSE(VerifyPassword(*hash + std::string(1, '\0') + "x", password));
}

TEST(PasswordHashTest, OverLongPasswordIsRefusedBeforeHashing) {
    const std::string longest(kMaxPasswordBytes, 'a');
    const auto hash = HashPassword(longest);
    ASSERT_TRUE(hash);
    EXPECT_TRUE(VerifyPassword(*hash, longest));
    EXPECT_FALSE(VerifyPassword(*hash, longest + "a"));
}

// A hash of `password` made with other settings than HashPassword's.
std::string HashWith(bool argon2id, unsigned long long passes, size_t memory) {
    EXPECT_GE(sodium_init(), 0);
    std::array<char, crypto_pwhash_STRBYTES> out{};
    const std::string_view password = "correct horse battery staple";
    EXPECT_EQ(crypto_pwhash_str_alg(out.data(), password.data(), password.size(), passes, memory,
                                    argon2id ? crypto_pwhash_ALG_ARGON2ID13 : crypto_pwhash_ALG_ARGON2I13),
              0);
    return out.data();
}

TEST(PasswordHashTest, HashesWithOtherSettingsNeedRehashing) {
    const std::string fewer_passes = HashWith(true, 1, crypto_pwhash_MEMLIMIT_INTERACTIVE);
    EXPECT_TRUE(VerifyPassword(fewer_passes, "correct horse battery staple"));
    EXPECT_TRUE(PasswordNeedsRehash(fewer_passes));
    EXPECT_TRUE(PasswordNeedsRehash(HashWith(true, crypto_pwhash_OPSLIMIT_INTERACTIVE, 32U << 20)));
    EXPECT_TRUE(PasswordNeedsRehash(
        HashWith(true, crypto_pwhash_OPSLIMIT_INTERACTIVE + 1, crypto_pwhash_MEMLIMIT_INTERACTIVE)));
    // argon2i (which needs at least 3 passes): verifies, but is not the algorithm in use.
    const std::string argon2i = HashWith(false, 3, crypto_pwhash_MEMLIMIT_INTERACTIVE);
    EXPECT_TRUE(VerifyPassword(argon2i, "correct horse battery staple"));
    EXPECT_TRUE(PasswordNeedsRehash(argon2i));
    EXPECT_TRUE(PasswordNeedsRehash(""));
    EXPECT_TRUE(PasswordNeedsRehash("not a hash"));
}

TEST(PasswordHashTest, DummyVerificationRunsWithoutAHash) {
    // Nothing to observe but that it runs, for short, long and over-long passwords alike.
    VerifyAgainstDummy("");
    VerifyAgainstDummy("correct horse battery staple");
    VerifyAgainstDummy(std::string(kMaxPasswordBytes + 1, 'a'));
}

TEST(PasswordProblemTest, AcceptsALongUncommonPassword) {
    EXPECT_EQ(PasswordProblem("correct horse battery staple", "jsmith"), std::nullopt);
    // Length is counted in characters: twelve accented letters are 24 bytes and enough.
    EXPECT_EQ(PasswordProblem("éééééééééééé", "jsmith"), std::nullopt);
    EXPECT_EQ(PasswordProblem(std::string(kMaxPasswordBytes, 'x'), "jsmith"), std::nullopt);
}

TEST(PasswordProblemTest, RefusesShortPasswords) {
    const auto problem = PasswordProblem("short pass1", "jsmith");
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("at least 12 characters"), std::string::npos) << *problem;
    EXPECT_TRUE(PasswordProblem("", "jsmith"));
    EXPECT_TRUE(PasswordProblem("ééééééééééé", "jsmith"));  // 11 characters, 22 bytes
}

TEST(PasswordProblemTest, RefusesOverLongPasswords) {
    const auto problem = PasswordProblem(std::string(kMaxPasswordBytes + 1, 'x'), "jsmith");
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("at most 256"), std::string::npos) << *problem;
}

TEST(PasswordProblemTest, RefusesTheUserNameInAnyCase) {
    EXPECT_TRUE(PasswordProblem("jsmith-jsmith", "jsmith"));
    EXPECT_TRUE(PasswordProblem("my name is JSmith!", "jsmith"));
    EXPECT_TRUE(PasswordProblem("longusername", "LongUserName"));
    const auto problem = PasswordProblem("xxJSMITHxxxx", "jsmith");
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("user name"), std::string::npos) << *problem;
    // A one- or two-letter name is not looked for.
    EXPECT_EQ(PasswordProblem("correct horse battery staple", "co"), std::nullopt);
    EXPECT_EQ(PasswordProblem("correct horse battery staple", ""), std::nullopt);
}

TEST(PasswordProblemTest, RefusesCommonPasswordsInAnyCase) {
    for (const char* common : {"password1234", "123456789012", "qwertyuiop12", "Password1234", "QWERTY123456"}) {
        const auto problem = PasswordProblem(common, "jsmith");
        ASSERT_TRUE(problem) << common;
        EXPECT_NE(problem->find("most common"), std::string::npos) << *problem;
    }
}

TEST(PasswordProblemTest, RefusesTextThatIsNotUtf8) {
    EXPECT_TRUE(PasswordProblem("correct horse \xff battery", "jsmith"));
}

}  // namespace
}  // namespace did::service
