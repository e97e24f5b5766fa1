#include "core/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace did::core {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

inline uint8_t Byte(std::string_view s, size_t i) {
    return static_cast<uint8_t>(s[i]);
}
inline bool IsContinuation(uint8_t b) {
    return (b & 0xC0) == 0x80;
}

// Length of the valid sequence starting at s[i] (a non-ASCII lead byte), or 0.
size_t SequenceLength(std::string_view s, size_t i) {
    const uint8_t lead = Byte(s, i);
    const size_t left = s.size() - i;
    if (lead >= 0xC2 && lead <= 0xDF) {
        return left >= 2 && IsContinuation(Byte(s, i + 1)) ? 2 : 0;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (left < 3) return 0;
        const uint8_t b1 = Byte(s, i + 1);
        const uint8_t lo = lead == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
        const uint8_t hi = lead == 0xED ? 0x9F : 0xBF;  // no UTF-16 surrogates
        return b1 >= lo && b1 <= hi && IsContinuation(Byte(s, i + 2)) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (left < 4) return 0;
        const uint8_t b1 = Byte(s, i + 1);
        const uint8_t lo = lead == 0xF0 ? 0x90 : 0x80;  // no overlong forms
        const uint8_t hi = lead == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
        return b1 >= lo && b1 <= hi && IsContinuation(Byte(s, i + 2)) && IsContinuation(Byte(s, i + 3)) ? 4 : 0;
    }
    return 0;
}

}  // namespace

std::optional<size_t> FindInvalidUtf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        // Extracts are almost all ASCII: skip eight bytes at a time while no high bit is set.
        while (i + 8 <= s.size()) {
            uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if (word & kHighBits) break;
            i += 8;
        }
        if (i >= s.size()) break;
        if (Byte(s, i) < 0x80) {
            ++i;
            continue;
        }
        const size_t length = SequenceLength(s, i);
        if (length == 0) return i;
        i += length;
    }
    return std::nullopt;
}

size_t CountCodePoints(std::string_view s) {
    size_t count = 0;
    for (char c : s) count += !IsContinuation(static_cast<uint8_t>(c));
    return count;
}

TextShape ShapeOf(std::string_view s) {
    TextShape shape;
    for (size_t i = 0; i < s.size(); ++i) {
        const uint8_t b = Byte(s, i);
        if (b >= 0x20 && b < 0x7F) {
            ++shape.code_points;
            continue;
        }
        shape.code_points += !IsContinuation(b);
        if (b < 0x20 || b == 0x7F ||
            (b == 0xC2 && i + 1 < s.size() && Byte(s, i + 1) >= 0x80 && Byte(s, i + 1) <= 0x9F)) {
            shape.has_control = true;
        }
    }
    return shape;
}

bool HasControlCharacter(std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
        const uint8_t b = Byte(s, i);
        if (b < 0x20 || b == 0x7F) return true;
        // U+0080–U+009F are encoded as C2 80 – C2 9F.
        if (b == 0xC2 && i + 1 < s.size() && Byte(s, i + 1) >= 0x80 && Byte(s, i + 1) <= 0x9F) return true;
    }
    return false;
}

}  // namespace did::core
