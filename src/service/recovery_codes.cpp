#include "service/recovery_codes.hpp"

#include <array>
#include <cstdint>

#include "core/sha256.hpp"
#include "service/secret_token.hpp"

namespace did::service {
namespace {

constexpr size_t kCodeCharacters = 10;
constexpr size_t kGroup = 5;

// A random index into the alphabet, uniform: a byte at or above the largest multiple of the
// alphabet's size below 256 is drawn again, as taking it modulo the size would favour the
// first characters.
size_t RandomIndex() {
    constexpr size_t kSize = kRecoveryCodeAlphabet.size();
    constexpr size_t kLimit = 256 / kSize * kSize;
    while (true) {
        std::array<uint8_t, 1> byte{};
        RandomBytes(byte);
        if (byte[0] < kLimit) return byte[0] % kSize;
    }
}

}  // namespace

std::vector<std::string> NewRecoveryCodes(int count) {
    std::vector<std::string> codes;
    for (int i = 0; i < count; ++i) {
        std::string code;
        for (size_t c = 0; c < kCodeCharacters; ++c) {
            if (c == kGroup) code += '-';
            code += kRecoveryCodeAlphabet[RandomIndex()];
        }
        codes.push_back(std::move(code));
    }
    return codes;
}

std::string RecoveryCodeDigest(std::string_view typed) {
    std::string normal;
    normal.reserve(typed.size());
    for (const char c : typed) {
        if (c == ' ' || c == '-') continue;
        normal += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return core::Sha256::Of(normal);
}

}  // namespace did::service
