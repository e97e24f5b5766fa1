// ForEachCsvFileRow: the rows of a large CSV file (the 2.7-million-row postcode directory),
// streamed through a fixed window so memory stays flat. Same quoting and trimming as
// submissions. Single-threaded.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "core/error.hpp"
#include "ingest/byte_source.hpp"

namespace did::ingest {

// `visit(line, fields, columns)` for every non-empty row; returning false stops early.
core::Status ForEachCsvFileRow(
    ByteSource& source, size_t max_columns,
    const std::function<core::Result<bool>(uint64_t line, std::span<const std::string_view> fields, uint32_t columns)>&
        visit);

}  // namespace did::ingest
