// Text from a file or a user made safe to print on a terminal: every control character and
// every byte that is not UTF-8 is written out visibly, so a value can neither move the cursor,
// recolour the screen nor write the clipboard (OSC 52), and the reader sees that it was there.
// Pure functions; the notation is described in docs/report-safety.md.
#pragma once

#include <string>
#include <string_view>

namespace did::core {

// Appends `text` with each control character by name, as findings show them
// (control_characters.hpp): `<TAB>`, `<LF>`, `<ESC>`, `<NUL>`, `<DEL>`, and the C1 controls as
// `<U+009B>`; each byte that is not valid UTF-8 as `<0xFF>`. Everything else is copied as it
// is. The result is valid UTF-8 without controls.
void AppendForTerminal(std::string& out, std::string_view text);

// The same, as a new string.
std::string ForTerminal(std::string_view text);

}  // namespace did::core
