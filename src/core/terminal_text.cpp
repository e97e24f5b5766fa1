#include "core/terminal_text.hpp"

#include "core/control_characters.hpp"
#include "core/utf8.hpp"

namespace did::core {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

// A byte that starts no valid UTF-8 sequence: <0xFF>.
void AppendBadByte(std::string& out, unsigned char b) {
    out += "<0x";
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
    out += '>';
}

}  // namespace

void AppendForTerminal(std::string& out, std::string_view text) {
    // Valid stretches are escaped as text; each byte that starts no valid sequence is shown
    // on its own, and the search resumes after it.
    while (!text.empty()) {
        const auto bad = FindInvalidUtf8(text);
        if (!bad) {
            out += ShowControlCharacters(text);
            return;
        }
        out += ShowControlCharacters(text.substr(0, *bad));
        AppendBadByte(out, static_cast<unsigned char>(text[*bad]));
        text.remove_prefix(*bad + 1);
    }
}

std::string ForTerminal(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    AppendForTerminal(out, text);
    return out;
}

}  // namespace did::core
