#include "service/secret_token.hpp"

#include <sodium.h>

#include <vector>

#include "core/sha256.hpp"

namespace did::service {
namespace {

// sodium_init picks the fastest implementations for this CPU and opens the generator; it is
// safe to call from several threads, and a static makes it run once.
void EnsureSodium() {
    static const int ready = sodium_init();
    (void)ready;
}

}  // namespace

void RandomBytes(std::span<uint8_t> out) {
    if (out.empty()) return;  // an empty span's data() may be null, which libsodium must not get
    EnsureSodium();
    randombytes_buf(out.data(), out.size());
}

std::string NewSecretToken(size_t bytes) {
    if (bytes == 0) return {};
    std::vector<uint8_t> raw(bytes);
    RandomBytes(raw);
    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string encoded(sodium_base64_ENCODED_LEN(bytes, kVariant), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), raw.data(), raw.size(), kVariant);
    encoded.resize(encoded.find('\0'));  // the buffer has room for the terminating NUL
    sodium_memzero(raw.data(), raw.size());
    return encoded;
}

std::string SecretTokenDigest(std::string_view token) {
    return core::Sha256::Of(token);
}

bool SameSecret(std::string_view a, std::string_view b) {
    if (a.size() != b.size() || a.empty()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace did::service
