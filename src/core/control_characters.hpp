// Control characters (Unicode Cc: U+0000-U+001F, U+007F, U+0080-U+009F) in submitted text:
// finding them fast in a buffer of CSV lines, pinpointing one in a field, and writing text
// that holds them so that a person can see them and a database will take them. Pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace did::core {

// The first control character in valid UTF-8 text.
struct ControlCharacter {
    size_t offset = 0;     // byte offset in the text
    size_t character = 0;  // 1-based position, counted in characters (code points)
    char32_t code_point = 0;
    size_t count = 0;  // control characters in the whole text
};
std::optional<ControlCharacter> FindControlCharacter(std::string_view text);

// Offset of the first byte in `bytes` that may start a control character, line ends (LF, and
// a CR just before an LF) aside; bytes.size() when there is none. A CR or a C2 byte at the
// very end counts as one, since what follows is not known. Vectorised: it is run over every
// byte of a submission.
size_t FindPossibleControl(std::string_view bytes);

// "NUL", "TAB", "LF", "CR", "ESC", "DEL", …; empty for C1 controls (U+0080-U+009F), which
// have no names anyone would recognise.
std::string_view ControlCharacterName(char32_t code_point);

// "NUL (U+0000)", "TAB (U+0009)"; "U+0085" for a C1 control.
std::string DescribeControlCharacter(char32_t code_point);

// `text` with each control character written as <NAME> or <U+XXXX>: "ACC<NUL>1".
std::string ShowControlCharacters(std::string_view text);

}  // namespace did::core
