#include "core/text_escape.hpp"

namespace did::core {
namespace {

// Whether JSON may need `c` escaped: the quote, the backslash, C0 control characters, DEL,
// and 0xC2, the first byte of the C1 control characters (and of U+00A0–U+00BF, which stay).
inline bool NeedsJsonEscape(unsigned char c) {
    return c < 0x20 || c == '"' || c == '\\' || c == 0x7F || c == 0xC2;
}

// A first character that a spreadsheet takes as the start of a formula (OWASP): `=`, `+`,
// `-` and `@` open one; a tab or CR is skipped by some readers, so the next character counts.
inline bool StartsFormula(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

// `-5`, `+12`, `-0.75`: an optional sign, digits, and optionally a point and more digits.
bool IsPlainNumber(std::string_view s) {
    size_t i = !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
    const size_t int_start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == int_start) return false;
    if (i == s.size()) return true;
    if (s[i] != '.') return false;
    const size_t fraction_start = ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    return i > fraction_start && i == s.size();
}

// The inside of a quoted field: inner quotes doubled, copied a run at a time.
void AppendQuotedBody(std::string& out, std::string_view field) {
    for (size_t quote; (quote = field.find('"')) != std::string_view::npos; field.remove_prefix(quote + 1)) {
        out.append(field.substr(0, quote + 1));
        out += '"';
    }
    out.append(field);
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
    AppendQuotedBody(out, field);
    out += '"';
}

// Findings files run to millions of cells: an ordinary cell costs one byte test here, and
// only a cell starting with a sign looks further, to leave plain numbers as numbers.
void AppendCsvReportCell(std::string& out, std::string_view cell) {
    if (cell.empty() || !StartsFormula(cell.front()) || IsPlainNumber(cell)) {
        AppendCsvField(out, cell);
        return;
    }
    // Quoted as well as prefixed, as OWASP advises, so that every reader takes the whole
    // cell, prefix included, as one text field.
    out += "\"'";
    AppendQuotedBody(out, cell);
    out += '"';
}

void AppendJsonString(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    size_t run = 0;  // start of the bytes not yet copied
    for (size_t i = 0; i < text.size(); ++i) {
        const auto u = static_cast<unsigned char>(text[i]);
        if (!NeedsJsonEscape(u)) continue;
        if (u == 0xC2) {
            // U+0080–U+009F are C2 80 – C2 9F; a terminal may act on them (C2 9B is CSI).
            const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
            if (next < 0x80 || next > 0x9F) continue;
            out.append(text.substr(run, i - run));
            out += "\\u00";
            out += kHex[next >> 4];
            out += kHex[next & 0xF];
            ++i;
            run = i + 1;
            continue;
        }
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
