// ForEachCsvRow: walks the rows of a CSV text held in memory (reference files, local code
// lists), with the submission reader's quoting and trimming rules. Blank lines are skipped.
// A leading byte-order mark is dropped. Stateless; callable from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/csv_tokenizer.hpp"

namespace did::core {

struct CsvRow {
    uint64_t line = 0;                         // physical line the row starts on (1-based)
    std::span<const std::string_view> fields;  // at most the capacity asked for
    uint32_t columns = 0;                      // all columns, kept or not
    std::string_view error;                    // bad quoting, as CsvRecord::error
};

// Calls `visit(const CsvRow&)` for each row; stops early when it returns false.
template <class Visit>
void ForEachCsvRow(std::string_view text, size_t max_columns, Visit&& visit) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    CsvTokenizer tokenizer;
    std::vector<std::string_view> fields(max_columns);
    CsvRecord record;
    uint64_t line = 1;
    for (size_t pos = 0; pos < text.size(); pos = record.next) {
        tokenizer.Next(text, pos, /*at_eof=*/true, fields, record);
        const uint64_t row_line = line;
        line += record.line_breaks;
        if (record.empty_line) continue;
        const size_t kept = record.columns < max_columns ? record.columns : max_columns;
        CsvRow row{row_line, std::span<const std::string_view>(fields.data(), kept), record.columns, record.error};
        if (!visit(row)) return;
    }
}

}  // namespace did::core
