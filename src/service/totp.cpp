#include "service/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>

#include "service/secret_token.hpp"

namespace did::service {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr size_t kSecretBytes = 20;
constexpr auto kCodeLength = static_cast<size_t>(kTotpDigits);

// The value of one base32 character, or -1.
int Base32Value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
}

// RFC 4226 section 5.3: HMAC-SHA1 of the big-endian step, then "dynamic truncation" to 31 bits.
// Nullopt only when OpenSSL fails (out of memory).
std::optional<uint32_t> Hotp(std::span<const uint8_t> key, int64_t step) {
    std::array<uint8_t, 8> counter{};
    auto value = static_cast<uint64_t>(step);
    for (size_t i = counter.size(); i-- > 0;) {
        counter[i] = static_cast<uint8_t>(value & 0xFF);
        value >>= 8;
    }
    std::array<uint8_t, EVP_MAX_MD_SIZE> mac{};
    unsigned int mac_size = 0;
    if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), counter.data(), counter.size(), mac.data(),
             &mac_size) == nullptr ||
        mac_size < 20) {
        return std::nullopt;
    }
    const size_t offset = mac[mac_size - 1] & 0x0FU;
    return (static_cast<uint32_t>(mac[offset] & 0x7F) << 24) | (static_cast<uint32_t>(mac[offset + 1]) << 16) |
           (static_cast<uint32_t>(mac[offset + 2]) << 8) | static_cast<uint32_t>(mac[offset + 3]);
}

// Empty when the HMAC could not be computed, which matches no typed code.
std::string CodeForStep(std::span<const uint8_t> key, int64_t step, int digits) {
    const auto hotp = Hotp(key, step);
    if (!hotp) return {};
    uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i) modulus *= 10;
    uint32_t value = *hotp % modulus;
    std::string code(static_cast<size_t>(digits), '0');
    for (size_t i = code.size(); i-- > 0;) {
        code[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return code;
}

void AppendPercentEncoded(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0F];
        }
    }
}

}  // namespace

std::string Base32Encode(std::span<const uint8_t> bytes) {
    std::string out;
    out.reserve((bytes.size() * 8 + 4) / 5);
    uint32_t buffer = 0;
    int bits = 0;
    for (const uint8_t byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out += kBase32Alphabet[(buffer >> bits) & 0x1F];
        }
    }
    if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 0x1F];
    return out;
}

std::optional<std::vector<uint8_t>> Base32Decode(std::string_view text) {
    std::vector<uint8_t> out;
    uint32_t buffer = 0;
    int bits = 0;
    size_t characters = 0;
    for (const char c : text) {
        if (c == ' ' || c == '=') continue;
        const int value = Base32Value(c);
        if (value < 0) return std::nullopt;
        ++characters;
        buffer = (buffer << 5) | static_cast<uint32_t>(value);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<uint8_t>((buffer >> bits) & 0xFF));
        }
    }
    // Whole bytes end a group of 8 characters after 0, 2, 4, 5 or 7 of them; 1, 3 or 6 leave
    // bits no encoder writes.
    const size_t tail = characters % 8;
    if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;
    return out;
}

std::string NewTotpSecret() {
    std::array<uint8_t, kSecretBytes> key{};
    RandomBytes(key);
    return Base32Encode(key);
}

int64_t TotpStep(int64_t unix_seconds) {
    // Floor, not truncation, so a time before 1970 falls in the step that holds it.
    const int64_t step = unix_seconds / kTotpStepSeconds;
    return unix_seconds % kTotpStepSeconds < 0 ? step - 1 : step;
}

std::string TotpCode(std::span<const uint8_t> key, int64_t unix_seconds, int digits) {
    return CodeForStep(key, TotpStep(unix_seconds), std::clamp(digits, 6, 8));
}

std::optional<int64_t> VerifyTotp(std::string_view base32_secret, std::string_view code, int64_t unix_seconds,
                                  int64_t last_used_step) {
    std::string typed;
    for (const char c : code) {
        if (c == ' ') continue;
        if (c < '0' || c > '9' || typed.size() == kCodeLength) return std::nullopt;
        typed += c;
    }
    if (typed.size() != kCodeLength) return std::nullopt;
    const auto key = Base32Decode(base32_secret);
    if (!key || key->empty()) return std::nullopt;

    // Every candidate is computed and compared, matched or not, in constant time.
    std::optional<int64_t> matched;
    const int64_t now = TotpStep(unix_seconds);
    for (int64_t step = now - 1; step <= now + 1; ++step) {
        const std::string expected = CodeForStep(*key, step, kTotpDigits);
        if (SameSecret(expected, typed) && step > last_used_step && !matched) matched = step;
    }
    return matched;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view base32_secret) {
    std::string uri = "otpauth://totp/";
    AppendPercentEncoded(uri, issuer);
    uri += ':';
    AppendPercentEncoded(uri, account);
    uri += "?secret=";
    AppendPercentEncoded(uri, base32_secret);
    uri += "&issuer=";
    AppendPercentEncoded(uri, issuer);
    uri += "&algorithm=SHA1&digits=6&period=30";
    return uri;
}

}  // namespace did::service
