// One-time recovery codes: what a person types to sign in when the phone with their
// authenticator app is lost. Ten are made at enrolment and shown once; the database keeps
// only their digests, and each is struck off when used. Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace did::service {

// Characters a code is made of: digits and lower-case letters without those that read as one
// another (0/o, 1/i/l). 31 of them.
inline constexpr std::string_view kRecoveryCodeAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";

// `count` new codes, each 10 random characters shown as "xxxxx-xxxxx". A code carries
// 10 × log2(31) ≈ 49.5 bits: far beyond guessing, because sign-in attempts are rate-limited
// and a code works once, so an attacker gets a few thousand tries at most, not the billions
// per second that an offline attack on a password hash would allow.
std::vector<std::string> NewRecoveryCodes(int count = 10);

// The digest stored for a code and compared with the one typed: SHA-256 hex of the code with
// spaces and hyphens dropped and letters lower-cased, so "ABCDE FGHJK" finds "abcde-fghjk".
// A fast, unsalted hash is enough here, unlike for a password: the codes are random, ~50 bits
// each, and guesses against the live service are rate-limited. Someone with a copy of the
// table could search for codes offline, but a code stands in only for the second factor: the
// password, hashed with argon2id, is still needed.
std::string RecoveryCodeDigest(std::string_view typed);

}  // namespace did::service
