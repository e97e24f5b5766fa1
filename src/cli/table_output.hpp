// Printing tables for administrators from the same rows in three formats: aligned text for a
// terminal (numbers grouped in thousands), CSV for a spreadsheet and JSON for a program (an
// array of objects). CSV headers and JSON keys are the same snake_case names; counts and ids
// are numbers in JSON, an empty cell is null. docs/command-line.md lists each command's columns.
#pragma once

#include <string>
#include <vector>

namespace did::cli {

struct Column {
    enum class Kind { kText, kCount, kId };  // a count is grouped in text (12,345); an id is not

    Column(const char* label_in, Kind kind_in = Kind::kText) : label(label_in), kind(kind_in) {}  // NOLINT
    std::string label;  // as a person reads it: "first usable file"
    Kind kind;

    std::string Key() const;  // "first_usable_file"
};

inline Column Count(const char* label) {
    return {label, Column::Kind::kCount};
}
inline Column Id(const char* label) {
    return {label, Column::Kind::kId};
}

struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<std::string>> rows;

    std::string Text() const;
    std::string Csv() const;
    std::string Json() const;
};

// Writes the table to standard output in `format`: "text", "csv" or "json".
void PrintTable(const Table& table, const std::string& format);

}  // namespace did::cli
