#include "core/control_characters.hpp"

#include <array>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace did::core {
namespace {

constexpr std::array<std::string_view, 32> kC0Names = {
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "TAB", "LF",  "VT",  "FF", "CR", "SO", "SI",
    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS", "GS", "RS", "US",
};

inline uint8_t Byte(std::string_view s, size_t i) {
    return static_cast<uint8_t>(s[i]);
}

// U+0080-U+009F are encoded as C2 80 - C2 9F.
inline bool IsC1Second(uint8_t b) {
    return b >= 0x80 && b <= 0x9F;
}

// The length of the control character at s[i], or 0 when there is none there.
inline size_t ControlLength(std::string_view s, size_t i) {
    const uint8_t b = Byte(s, i);
    if (b < 0x20 || b == 0x7F) return 1;
    return b == 0xC2 && i + 1 < s.size() && IsC1Second(Byte(s, i + 1)) ? 2 : 0;
}

inline bool IsContinuation(uint8_t b) {
    return (b & 0xC0) == 0x80;
}

// Whether the byte at `i`, a candidate the fast scan found, does start a control character
// that is not part of a line end.
inline bool PossibleControlAt(std::string_view s, size_t i) {
    const uint8_t b = Byte(s, i);
    if (b == '\n') return false;
    if (b == '\r') return i + 1 >= s.size() || s[i + 1] != '\n';
    if (b < 0x20 || b == 0x7F) return true;
    if (b == 0xC2) return i + 1 >= s.size() || IsC1Second(Byte(s, i + 1));
    return false;
}

inline bool Candidate(uint8_t b) {
    return b < 0x20 || b == 0x7F || b == 0xC2;
}

// "U+0085": every control character is below U+0100.
std::string CodePointNotation(char32_t code_point) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto value = static_cast<uint32_t>(code_point);
    return {'U', '+', '0', '0', kHex[(value >> 4) & 0xF], kHex[value & 0xF]};
}

}  // namespace

std::optional<ControlCharacter> FindControlCharacter(std::string_view text) {
    std::optional<ControlCharacter> found;
    size_t characters = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const uint8_t b = Byte(text, i);
        characters += !IsContinuation(b);
        const size_t length = ControlLength(text, i);
        if (length == 0) continue;
        if (!found) {
            found = ControlCharacter{i, characters, length == 1 ? char32_t{b} : char32_t{Byte(text, i + 1)}, 0};
        }
        ++found->count;
    }
    return found;
}

size_t FindPossibleControl(std::string_view bytes) {
    const size_t size = bytes.size();
    size_t i = 0;
#if defined(__SSE2__)
    // One signed comparison finds C0 controls, DEL and every byte above 0x7F at once: with 1
    // added, 0x00-0x1F become 0x01-0x20, and DEL and the high bytes become negative. The few
    // candidates (each line's LF, a CRLF's CR, the bytes of non-ASCII text) are then looked at
    // one by one. Thirty-two bytes a round, so that a round without candidates costs little.
    const __m128i one = _mm_set1_epi8(1);
    const __m128i bound = _mm_set1_epi8(0x21);
    auto candidates = [&](size_t at) {
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + at));
        return _mm_cmpgt_epi8(bound, _mm_add_epi8(b, one));
    };
    for (; i + 32 <= size; i += 32) {
        const __m128i low = candidates(i);
        const __m128i high = candidates(i + 16);
        if (_mm_movemask_epi8(_mm_or_si128(low, high)) == 0) continue;
        auto mask =
            static_cast<uint32_t>(_mm_movemask_epi8(low)) | (static_cast<uint32_t>(_mm_movemask_epi8(high)) << 16);
        for (; mask != 0; mask &= mask - 1) {
            const size_t at = i + static_cast<size_t>(__builtin_ctz(mask));
            if (PossibleControlAt(bytes, at)) return at;
        }
    }
#endif
    for (; i < size; ++i) {
        if (Candidate(Byte(bytes, i)) && PossibleControlAt(bytes, i)) return i;
    }
    return size;
}

std::string_view ControlCharacterName(char32_t code_point) {
    if (code_point < kC0Names.size()) return kC0Names[code_point];
    if (code_point == 0x7F) return "DEL";
    return {};
}

std::string DescribeControlCharacter(char32_t code_point) {
    const std::string_view name = ControlCharacterName(code_point);
    if (name.empty()) return CodePointNotation(code_point);
    return std::string(name) + " (" + CodePointNotation(code_point) + ")";
}

std::string ShowControlCharacters(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    size_t run = 0;  // start of the bytes not yet copied
    for (size_t i = 0; i < text.size();) {
        const size_t length = ControlLength(text, i);
        if (length == 0) {
            ++i;
            continue;
        }
        out.append(text.substr(run, i - run));
        const char32_t code_point = length == 1 ? char32_t{Byte(text, i)} : char32_t{Byte(text, i + 1)};
        const std::string_view name = ControlCharacterName(code_point);
        out += '<';
        out += name.empty() ? CodePointNotation(code_point) : std::string(name);
        out += '>';
        i += length;
        run = i;
    }
    out.append(text.substr(run));
    return out;
}

}  // namespace did::core
