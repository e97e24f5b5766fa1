// Portal passwords: hashing with argon2id (libsodium), checking a password against its stored
// hash, noticing a hash made with weaker settings, and the rules a new password must meet
// (NCSC guidance: length over composition, no user name, none of the most common passwords).
// Pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace did::service {

// Bounds a new password must keep: at least kMinPasswordCharacters characters (code points)
// and at most kMaxPasswordBytes bytes.
inline constexpr size_t kMinPasswordCharacters = 12;
inline constexpr size_t kMaxPasswordBytes = 256;

// The argon2id hash in libsodium's string form ("$argon2id$v=19$m=…,t=…,p=1$salt$hash"),
// which carries its own salt and settings. Fails only when memory cannot be had.
core::Result<std::string> HashPassword(std::string_view password);

// Whether `password` matches `stored_hash`. False for a malformed or empty hash and for a
// password longer than kMaxPasswordBytes; never throws.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// Whether `stored_hash` was made with other settings than HashPassword uses now (or is not an
// argon2id hash at all): the sign-in that has just verified the password stores a new hash.
bool PasswordNeedsRehash(std::string_view stored_hash);

// Verifies `password` against a hash of a random password no one knows, and throws the result
// away: a sign-in for an unknown user name calls this, so that it takes as long as one for a
// known user and the time does not tell which user names exist. The hash is made on the first
// call (which therefore takes twice as long: a server calls it once on start-up).
void VerifyAgainstDummy(std::string_view password);

// Why a new password is refused, as a sentence for the person choosing it; nullopt when it
// is acceptable. `user_name` is the account's name, compared without regard to case.
std::optional<std::string> PasswordProblem(std::string_view password, std::string_view user_name);

}  // namespace did::service
