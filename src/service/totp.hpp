// The second factor by authenticator app: time-based one-time passwords (TOTP, RFC 6238, over
// HOTP, RFC 4226) with HMAC-SHA1, 6 digits and a 30-second step, as every authenticator app
// reads them; the base32 secrets (RFC 4648) the apps are given; and the otpauth:// URI that
// an enrolment QR code carries. Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace did::service {

inline constexpr int64_t kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

// RFC 4648 base32: upper case, without '=' padding (the apps take it so).
std::string Base32Encode(std::span<const uint8_t> bytes);
// Any case; spaces and '=' are ignored (secrets are shown in groups). Nullopt on any other
// character, or on a length no encoding produces.
std::optional<std::vector<uint8_t>> Base32Decode(std::string_view text);

// A new secret: 20 random bytes (160 bits, the HMAC-SHA1 block RFC 4226 recommends), base32.
std::string NewTotpSecret();

// The code for the 30-second step holding `unix_seconds`, `digits` long (6 to 8; another value
// is taken as the nearer of the two), zero-padded. Empty only if OpenSSL fails.
std::string TotpCode(std::span<const uint8_t> key, int64_t unix_seconds, int digits = kTotpDigits);

// The step a typed `code` matches: the current one or one either side (the phone's clock may be
// up to 30 s out), and only a step after `last_used_step`, so that a code is usable once (a code
// read over a shoulder or from a proxy cannot be replayed). The caller stores the returned step
// as the new `last_used_step`. The code must be exactly 6 ASCII digits; spaces within are
// ignored ("123 456"). Nullopt for anything else, and for a secret that is not base32.
std::optional<int64_t> VerifyTotp(std::string_view base32_secret, std::string_view code, int64_t unix_seconds,
                                  int64_t last_used_step);

// The step that holds `unix_seconds` (floor of seconds / 30).
int64_t TotpStep(int64_t unix_seconds);

// "otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30", the
// format authenticator apps read from a QR code; issuer and account are percent-encoded
// (everything but RFC 3986's unreserved characters).
std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view base32_secret);

}  // namespace did::service
