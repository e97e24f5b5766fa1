#include "core/text_escape.hpp"

namespace did::core {
namespace {

// Whether JSON needs `c` escaped: the quote, the backslash, control characters and DEL.
inline bool NeedsJsonEscape(unsigned char c) {
    return c < 0x20 || c == '"' || c == '\\' || c == 0x7F;
}

}  // namespace

// Both escapers copy runs of ordinary bytes in one append: a report of a million-record
// file writes megabytes of messages, and appending byte by byte was most of its cost.
void AppendCsvField(std::string& out, std::string_view field) {
    bool needs_quotes = !field.empty() && (field.front() == ' ' || field.back() == ' ');
    for (size_t i = 0; i < field.size() && !needs_quotes; ++i) {
        // Not find_first_of, which searches the set once per byte.
        const char c = field[i];
        needs_quotes = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!needs_quotes) {
        out.append(field);
        return;
    }
    out += '"';
    for (size_t quote; (quote = field.find('"')) != std::string_view::npos; field.remove_prefix(quote + 1)) {
        out.append(field.substr(0, quote + 1));
        out += '"';
    }
    out.append(field);
    out += '"';
}

void AppendJsonString(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    size_t run = 0;  // start of the bytes not yet copied
    for (size_t i = 0; i < text.size(); ++i) {
        const auto u = static_cast<unsigned char>(text[i]);
        if (!NeedsJsonEscape(u)) continue;
        out.append(text.substr(run, i - run));
        run = i + 1;
        switch (u) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out += kHex[u >> 4];
                out += kHex[u & 0xF];
        }
    }
    out.append(text.substr(run));
    out += '"';
}

}  // namespace did::core
