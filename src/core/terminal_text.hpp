// Text from a file or a user made safe to print on a terminal: every control character and
// every byte that is not UTF-8 is written out visibly, so a value can neither move the cursor,
// recolour the screen nor write the clipboard (OSC 52), and the reader sees that it was there.
// Pure functions; the notation is described in docs/report-safety.md.
#pragma once

#include <string>
#include <string_view>

namespace did::core {

// Appends `text` with tab, LF and CR as `\t`, `\n` and `\r`; the other C0 controls and DEL as
// `\x` and two hex digits (`\x1b`); the C1 controls U+0080–U+009F as `\u0080`–`\u009f`; and
// each byte that is not valid UTF-8 as `\x` and two hex digits (`\xff`). Everything else,
// a backslash included, is copied as it is. The result is valid UTF-8 without controls.
void AppendForTerminal(std::string& out, std::string_view text);

// The same, as a new string.
std::string ForTerminal(std::string_view text);

}  // namespace did::core
