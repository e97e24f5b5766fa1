#include "cli/table_output.hpp"

#include <algorithm>
#include <cstdio>

#include "core/terminal_text.hpp"
#include "core/text_escape.hpp"
#include "core/utf8.hpp"
#include "core/with_commas.hpp"

namespace did::cli {
namespace {

// A number as JSON writes it: an optional minus, digits, an optional fraction.
bool IsNumber(const std::string& cell) {
    size_t i = cell[0] == '-' ? 1 : 0;
    const size_t digits_from = i;
    while (i < cell.size() && cell[i] >= '0' && cell[i] <= '9') ++i;
    if (i == digits_from || (cell[digits_from] == '0' && i - digits_from > 1)) return false;
    if (i < cell.size() && cell[i] == '.') {
        const size_t fraction_from = ++i;
        while (i < cell.size() && cell[i] >= '0' && cell[i] <= '9') ++i;
        if (i == fraction_from) return false;
    }
    return i == cell.size();
}

// 1234567 as 1,234,567; anything that is not a whole number as it is.
std::string Grouped(const std::string& cell) {
    const bool negative = !cell.empty() && cell[0] == '-';
    const std::string digits = negative ? cell.substr(1) : cell;
    if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos) {
        return core::ForTerminal(cell);
    }
    return (negative ? "-" : "") + core::WithCommas(std::stoull(digits));
}

}  // namespace

std::string Column::Key() const {
    std::string key;
    for (const char c : label) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (c >= 'A' && c <= 'Z') {
            key += static_cast<char>(c - 'A' + 'a');
        } else if (word) {
            key += c;
        } else if (!key.empty() && key.back() != '_') {
            key += '_';
        }
    }
    while (!key.empty() && key.back() == '_') key.pop_back();
    return key;
}

// Cells hold what users and providers typed (names, comments, reasons): control characters
// are shown escaped, and the columns are measured on what is shown.
std::string Table::Text() const {
    std::vector<std::string> shown_columns;
    shown_columns.reserve(columns.size());
    for (const Column& c : columns) shown_columns.push_back(core::ForTerminal(c.label));
    std::vector<std::vector<std::string>> shown_rows;
    for (const auto& row : rows) {
        auto& shown = shown_rows.emplace_back();
        for (size_t i = 0; i < row.size(); ++i) {
            const bool count = i < columns.size() && columns[i].kind == Column::Kind::kCount;
            shown.push_back(count ? Grouped(row[i]) : core::ForTerminal(row[i]));
        }
    }
    std::vector<size_t> widths;
    auto measure = [&](const std::vector<std::string>& cells) {
        if (widths.size() < cells.size()) widths.resize(cells.size(), 0);
        for (size_t i = 0; i < cells.size(); ++i) widths[i] = std::max(widths[i], core::CountCodePoints(cells[i]));
    };
    measure(shown_columns);
    for (const auto& row : shown_rows) measure(row);
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (size_t i = 0; i < cells.size(); ++i) {
            out += cells[i];
            if (i + 1 < cells.size()) out.append(widths[i] - core::CountCodePoints(cells[i]) + 2, ' ');
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(shown_columns);
    for (const auto& row : shown_rows) out += line(row);
    return out;
}

// Every cell is guarded against spreadsheet formulas: a table does not say which columns
// are text, and the guard leaves numbers (counts, ids, `-5`) as they are.
std::string Table::Csv() const {
    auto line = [](const std::vector<std::string>& cells) {
        std::string out;
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) out += ',';
            core::AppendCsvReportCell(out, cells[i]);
        }
        return out + "\n";
    };
    std::vector<std::string> keys;
    keys.reserve(columns.size());
    for (const Column& c : columns) keys.push_back(c.Key());
    std::string out = line(keys);
    for (const auto& row : rows) out += line(row);
    return out;
}

std::string Table::Json() const {
    std::string out = "[";
    for (size_t r = 0; r < rows.size(); ++r) {
        out += r == 0 ? "\n  {" : ",\n  {";
        for (size_t i = 0; i < columns.size(); ++i) {
            if (i > 0) out += ", ";
            core::AppendJsonString(out, columns[i].Key());
            out += ": ";
            const std::string& cell = i < rows[r].size() ? rows[r][i] : std::string();
            if (cell.empty()) {
                out += "null";
            } else if (columns[i].kind != Column::Kind::kText && IsNumber(cell)) {
                out += cell;
            } else {
                core::AppendJsonString(out, cell);
            }
        }
        out += "}";
    }
    out += rows.empty() ? "]\n" : "\n]\n";
    return out;
}

void PrintTable(const Table& table, const std::string& format) {
    const std::string text = format == "csv" ? table.Csv() : format == "json" ? table.Json() : table.Text();
    std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace did::cli
