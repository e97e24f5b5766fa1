#include "service/password_hash.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/utf8.hpp"
#include "service/secret_token.hpp"

namespace did::service {
namespace {

// INTERACTIVE (2 passes over 64 MiB) rather than MODERATE (3 passes over 256 MiB): a sign-in
// must answer in well under a second on the server's two cores, and MODERATE takes about 0.7 s
// of one core per attempt, so a handful of people signing in at once would queue for seconds.
// INTERACTIVE is libsodium's setting for exactly this use and still costs an attacker 64 MiB
// and about a tenth of a second of a core per guess.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

// sodium_init picks the implementations for this CPU; it is safe to call from several
// threads, and a static makes it run once. It fails only when the system's random source
// cannot be opened.
bool SodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

// Passwords of 12 characters or more of the kinds that head published lists of the most used
// (counting, keyboard rows, "password" and digits); shorter ones are refused for their length
// already. Lower case, as the password is compared in lower case.
constexpr std::array<std::string_view, 22> kCommonPasswords = {
    "123456789012", "1234567890123", "12345678901234",   "123456789123",  "000000000000", "111111111111",
    "password1234", "password123!",  "passwordpassword", "qwertyuiop12",  "qwerty123456", "123456qwerty",
    "1q2w3e4r5t6y", "1qaz2wsx3edc",  "qwertyuiopasdfgh", "abc123abc123",  "abcdefghijkl", "iloveyou1234",
    "letmein12345", "welcome12345",  "changeme1234",     "administrator",
};

std::string AsciiLower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    return out;
}

}  // namespace

core::Result<std::string> HashPassword(std::string_view password) {
    if (!SodiumReady()) return core::Fail(core::Error::Internal("libsodium could not be initialised"));
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return core::Fail(core::Error::Internal("not enough memory to hash a password"));
    }
    return std::string(out.data());
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
    if (!SodiumReady() || password.size() > kMaxPasswordBytes) return false;
    // libsodium reads the hash as a C string of at most crypto_pwhash_STRBYTES bytes.
    if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES ||
        stored_hash.find('\0') != std::string_view::npos) {
        return false;
    }
    const std::string terminated(stored_hash);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view stored_hash) {
    if (!SodiumReady() || stored_hash.size() >= crypto_pwhash_STRBYTES ||
        stored_hash.find('\0') != std::string_view::npos) {
        return true;
    }
    const std::string terminated(stored_hash);
    // The argon2id function, not the generic one: that would pass an argon2i hash with the
    // same settings. It returns -1 for a hash that is not argon2id or cannot be read.
    return crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), kOpsLimit, kMemLimit) != 0;
}

void VerifyAgainstDummy(std::string_view password) {
    static const std::string dummy = [] {
        std::array<uint8_t, 32> unknown{};
        RandomBytes(unknown);
        const std::string_view text(reinterpret_cast<const char*>(unknown.data()), unknown.size());
        return HashPassword(text).value_or(std::string());
    }();
    // VerifyPassword refuses an over-long password before hashing, here as for a real user.
    (void)VerifyPassword(dummy, password);
}

std::optional<std::string> PasswordProblem(std::string_view password, std::string_view user_name) {
    if (core::FindInvalidUtf8(password)) return "The password is not valid text (UTF-8). Type it again.";
    if (core::CountCodePoints(password) < kMinPasswordCharacters) {
        return fmt::format(
            "Choose a password of at least {} characters. A few unrelated words make a long password that is "
            "easy to remember.",
            kMinPasswordCharacters);
    }
    // Argon2 reads the whole password once, so a long one costs little; but a sign-in form has
    // no reason to accept megabytes, and the bound keeps every hash's work the same.
    if (password.size() > kMaxPasswordBytes) {
        return fmt::format(
            "Choose a password of at most {} characters (fewer with accented letters or symbols, which take "
            "more room).",
            kMaxPasswordBytes);
    }
    const std::string lower = AsciiLower(password);
    // A name of one or two letters would be found inside most passwords; such a name is no
    // help to a guesser anyway.
    if (const std::string name = AsciiLower(user_name); name.size() >= 3 && lower.find(name) != std::string::npos) {
        return "Choose a password that does not contain your user name.";
    }
    if (std::ranges::find(kCommonPasswords, lower) != kCommonPasswords.end()) {
        return "That password is one of the most common passwords, the first an attacker tries. Choose another.";
    }
    return std::nullopt;
}

}  // namespace did::service
