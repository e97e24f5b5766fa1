// Strict UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF)
// and the two character questions the rules ask of text. Pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace did::core {

// Offset of the first byte that does not begin or continue a valid sequence, or nullopt.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

// Code points in valid UTF-8 text.
size_t CountCodePoints(std::string_view text);

struct TextShape {
    size_t code_points = 0;
    bool has_control = false;  // a Unicode Cc character
};
// Both questions in one pass over valid UTF-8 text.
TextShape ShapeOf(std::string_view text);

// Holds a Unicode Cc character: U+0000–U+001F, U+007F or U+0080–U+009F.
bool HasControlCharacter(std::string_view text);

}  // namespace did::core
