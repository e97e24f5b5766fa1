// PublishedTable: one of the national statistics tables as NHS England publishes it, before
// and after its rounding and suppression, and written as CSV (the published column layout),
// JSON or aligned text. The figures are unrounded here; what is shown is decided in one place
// (Shown): every count rounded to the nearest 5, a count under 3 or a median of fewer than 3
// examinations shown as `*`, a zero left as 0, percentages from the unrounded counts. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace did::report {

struct PublishedCell {
    // kMeasure: a quantity worked out from examinations (a mean dose, a collective dose), shown
    // with `decimals` places and suppressed, as a median is, when based on fewer than 3.
    enum class Kind { kText, kCount, kMedian, kPercent, kMeasure };
    Kind kind = Kind::kText;
    std::string text;  // kText
    double value = 0;  // kCount, kMedian, kPercent, kMeasure: unrounded
    int64_t base = 0;  // kMedian, kPercent, kMeasure: the examinations it is computed from
    int decimals = 1;  // kMeasure

    static PublishedCell Text(std::string text) { return {Kind::kText, std::move(text), 0, 0, 1}; }
    static PublishedCell Count(int64_t count) { return {Kind::kCount, {}, static_cast<double>(count), count, 1}; }
    static PublishedCell Median(double median, int64_t base) { return {Kind::kMedian, {}, median, base, 1}; }
    static PublishedCell Percent(double percent, int64_t base) { return {Kind::kPercent, {}, percent, base, 1}; }
    static PublishedCell Measure(double value, int64_t base, int decimals) {
        return {Kind::kMeasure, {}, value, base, decimals};
    }
};

// What a cell shows once rounded and suppressed: "*", "0", "1235", "58.5", "12.3".
std::string Shown(const PublishedCell& cell);
// A figure as the number it shows, when it shows one ("1235", "58.5"); false for "*".
bool ShownNumber(const std::string& shown, double& value);
// A count rounded to the nearest 5 (halves up: 2.5 is never a count); 0 stays 0.
int64_t RoundToFive(int64_t count);

struct PublishedTable {
    std::string name;                  // "table1"
    std::string title;                 // "Table 1: Imaging activity by modality"
    std::string span;                  // "April 2025 to March 2026"
    std::vector<std::string> columns;  // the headings' columns, then the figures'
    size_t heading_columns = 4;        // Region, Org Code, Provider name, and what the row breaks down by (one or two)
    std::vector<std::vector<PublishedCell>> rows;
    std::vector<std::string> notes;  // rounding, coverage, data issues
};

// The header verbatim, then each row as shown; then, after an empty line, one line per note
// (a spreadsheet shows them under the table; a script reading the table stops at the empty line).
std::string PublishedTableCsv(const PublishedTable& table);
// {"table", "title", "span", "columns" (every column's name), "rows": [{"headings": the row's
// headings (region, code, name, what it breaks down by), "values": the figures as shown, as
// strings ("1235", "58.5", "*")}], "notes"}.
std::string PublishedTableJson(const PublishedTable& table);
// The title, the span, the table aligned (numbers to the right), then the notes.
std::string PublishedTableText(const PublishedTable& table);

}  // namespace did::report
