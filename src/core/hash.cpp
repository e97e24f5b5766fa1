#include "core/hash.hpp"

#include <cstring>

namespace did::core {
namespace {

__extension__ typedef unsigned __int128 Uint128;

constexpr uint64_t kP0 = 0xa0761d6478bd642fULL;
constexpr uint64_t kP1 = 0xe7037ed1a0b428dbULL;
constexpr uint64_t kP2 = 0x8ebc6af09c88c6e3ULL;
constexpr uint64_t kP3 = 0x589965cc75374cc3ULL;

// Multiply into 128 bits and fold: every input bit reaches every output bit.
inline uint64_t Mix(uint64_t a, uint64_t b) {
    const Uint128 r = static_cast<Uint128>(a) * b;
    return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

}  // namespace

uint64_t HashBytes(const void* data, size_t size, uint64_t seed) {
    const auto* p = static_cast<const unsigned char*>(data);
    uint64_t h = seed ^ Mix(size ^ kP0, kP1);
    size_t left = size;
    while (left >= 16) {
        uint64_t a;
        uint64_t b;
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + 8, 8);
        h = Mix(a ^ kP1 ^ h, b ^ kP2);
        p += 16;
        left -= 16;
    }
    uint64_t a = 0;
    uint64_t b = 0;
    if (left > 8) {
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + 8, left - 8);
    } else if (left > 0) {
        std::memcpy(&a, p, left);
    }
    return Mix(Mix(a ^ kP1 ^ h, b ^ kP3), size ^ kP0);
}

}  // namespace did::core
