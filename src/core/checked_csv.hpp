// ReadCheckedCsv: a CSV with a header row held in memory (a reference file a central team
// loads), read to its first fault, the fault named with its line: "line 3: 'PET' is not …".
// `header(row)` and `each(row)` return what is wrong with the row, empty when it is good;
// bad quoting is a fault; a file without even a header is "the file is empty". The
// callers keep their own checks; this keeps the walk, the line numbers and the stop.
#pragma once

#include <string>
#include <string_view>

#include "core/csv_rows.hpp"
#include "core/error.hpp"

namespace did::core {

template <class Header, class Each>
core::Status ReadCheckedCsv(std::string_view text, size_t max_columns, Header&& header, Each&& each) {
    std::string fault;
    uint64_t fault_line = 0;
    bool at_header = true;
    ForEachCsvRow(text, max_columns, [&](const CsvRow& row) {
        fault = !row.error.empty() ? std::string(row.error) : at_header ? header(row) : each(row);
        at_header = false;
        fault_line = row.line;
        return fault.empty();
    });
    if (!fault.empty()) {
        return core::Fail(core::Error::InvalidArgument("line " + std::to_string(fault_line) + ": " + fault));
    }
    if (at_header) return core::Fail(core::Error::InvalidArgument("the file is empty"));
    return {};
}

}  // namespace did::core
