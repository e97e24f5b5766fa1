#include "cli/table_output.hpp"

#include <algorithm>
#include <cstdio>

#include "core/terminal_text.hpp"
#include "core/text_escape.hpp"
#include "core/utf8.hpp"

namespace did::cli {

// Cells hold what users and providers typed (names, comments, reasons): control characters
// are shown escaped, and the columns are measured on what is shown.
std::string Table::Text() const {
    std::vector<std::string> shown_columns;
    for (const std::string& c : columns) shown_columns.push_back(core::ForTerminal(c));
    std::vector<std::vector<std::string>> shown_rows;
    for (const auto& row : rows) {
        auto& shown = shown_rows.emplace_back();
        for (const std::string& cell : row) shown.push_back(core::ForTerminal(cell));
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
    std::string out = line(columns);
    for (const auto& row : rows) out += line(row);
    return out;
}

void PrintTable(const Table& table, const std::string& format) {
    const std::string text = format == "csv" ? table.Csv() : table.Text();
    std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace did::cli
