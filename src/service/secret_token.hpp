// Random secrets for the portal: session ids, CSRF tokens and API tokens, the random bytes the
// other sign-in units draw on, and the two ways a secret is checked (its digest, which is what
// the database keeps, and a comparison that takes the same time wherever the bytes differ).
// Pure functions over libsodium's generator; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace did::service {

// Fills `out` from the operating system's generator (libsodium's randombytes_buf, which
// stops the process rather than hand back weak bytes).
void RandomBytes(std::span<uint8_t> out);

// `bytes` random bytes as URL-safe base64 without padding (43 characters for 32 bytes): fits
// a cookie, a URL and a header unescaped.
std::string NewSecretToken(size_t bytes = 32);

// SHA-256 hex of a token: the database stores this, so a copy of the database opens no
// session. A fast hash is enough, as a token is 256 random bits, not a password.
std::string SecretTokenDigest(std::string_view token);

// Whether two secrets are equal, in time that depends only on their length. False when the
// lengths differ, and for two empty strings: a missing token never matches a missing one.
bool SameSecret(std::string_view a, std::string_view b);

}  // namespace did::service
