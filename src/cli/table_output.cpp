#include "cli/table_output.hpp"

#include <algorithm>
#include <cstdio>

#include "core/text_escape.hpp"
#include "core/utf8.hpp"

namespace did::cli {

std::string Table::Text() const {
    std::vector<size_t> widths;
    for (const std::string& c : columns) widths.push_back(core::CountCodePoints(c));
    for (const auto& row : rows) {
        for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], core::CountCodePoints(row[i]));
        }
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (size_t i = 0; i < cells.size(); ++i) {
            out += cells[i];
            if (i + 1 < cells.size()) out.append(widths[i] - core::CountCodePoints(cells[i]) + 2, ' ');
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(columns);
    for (const auto& row : rows) out += line(row);
    return out;
}

std::string Table::Csv() const {
    auto line = [](const std::vector<std::string>& cells) {
        std::string out;
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) out += ',';
            core::AppendCsvField(out, cells[i]);
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
