#include "refdata/code_label_csv.hpp"

#include <fmt/format.h>

#include "core/csv_rows.hpp"

namespace did::refdata {

core::Status ForEachCodeAndLabel(std::string_view csv, std::string_view columns,
                                 const std::function<core::Status(size_t, std::string_view, std::string_view)>& add) {
    core::Status status;
    core::ForEachCsvRow(csv, 2, [&](const core::CsvRow& row) {
        if (row.line == 1) return true;  // the header
        const auto line = static_cast<size_t>(row.line);
        if (row.columns != 2 || !row.error.empty()) {
            status = core::Fail(core::Error::InvalidArgument(fmt::format("line {}: expected {}", line, columns)));
            return false;
        }
        status = add(line, row.fields[0], row.fields[1]);
        return static_cast<bool>(status);
    });
    return status;
}

}  // namespace did::refdata
