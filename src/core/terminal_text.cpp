#include "core/terminal_text.hpp"

#include "core/utf8.hpp"

namespace did::core {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendHexByte(std::string& out, const char* prefix, unsigned char b) {
    out += prefix;
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
}

// `text` is valid UTF-8: a 0xC2 byte always leads a two-byte character. Ordinary bytes are
// copied a run at a time.
void AppendValidUtf8(std::string& out, std::string_view text) {
    size_t run = 0;  // start of the bytes not yet copied
    for (size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        const bool c1 = b == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        if ((b >= 0x20 && b != 0x7F) && !c1) continue;
        out.append(text.substr(run, i - run));
        if (c1) {
            AppendHexByte(out, "\\u00", static_cast<unsigned char>(text[++i]));
        } else if (b == '\t') {
            out += "\\t";
        } else if (b == '\n') {
            out += "\\n";
        } else if (b == '\r') {
            out += "\\r";
        } else {
            AppendHexByte(out, "\\x", b);
        }
        run = i + 1;
    }
    out.append(text.substr(run));
}

}  // namespace

void AppendForTerminal(std::string& out, std::string_view text) {
    // Valid stretches are escaped as text; each byte that starts no valid sequence is shown
    // on its own, and the search resumes after it.
    while (!text.empty()) {
        const auto bad = FindInvalidUtf8(text);
        if (!bad) {
            AppendValidUtf8(out, text);
            return;
        }
        AppendValidUtf8(out, text.substr(0, *bad));
        AppendHexByte(out, "\\x", static_cast<unsigned char>(text[*bad]));
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
