// A fast, well-mixed 64-bit hash for short byte strings (accession numbers, codes).
// Not cryptographic: for hash tables only. Pure function; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace did::core {

uint64_t HashBytes(const void* data, size_t size, uint64_t seed = 0);
inline uint64_t HashBytes(std::string_view text, uint64_t seed = 0) {
    return HashBytes(text.data(), text.size(), seed);
}

}  // namespace did::core
