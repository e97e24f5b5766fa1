// Printing small tables for administrators: aligned text for a terminal, or CSV for a
// spreadsheet, from the same rows.
#pragma once

#include <string>
#include <vector>

namespace did::cli {

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;

    std::string Text() const;
    std::string Csv() const;
};

// Writes the table to standard output in `format` ("text" or "csv").
void PrintTable(const Table& table, const std::string& format);

}  // namespace did::cli
