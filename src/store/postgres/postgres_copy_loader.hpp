// PostgresCopyLoader: rows sent with COPY … FROM STDIN (FORMAT binary), which the server
// stores without parsing text: whole numbers travel as 2-, 4- or 8-byte integers to match
// their columns, text as its bytes, NULL as a length of -1. Rows are buffered and sent a
// megabyte at a time. Until Finish() the connection is in COPY mode and can do nothing else;
// a loader dropped unfinished ends the COPY with an error, so nothing of it is kept.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql_connection.hpp"

namespace did::store {

// How a column's values are written in the binary format.
enum class CopyColumn { kText, kInt2, kInt4, kInt8 };

// The encoding for a column of PostgreSQL type `type_name` (pg_type.typname); nullopt when
// bulk loads do not handle the type.
std::optional<CopyColumn> CopyColumnFor(std::string_view type_name);

// Starts `COPY table (columns) FROM STDIN (FORMAT binary)` on `conn`.
core::Result<std::unique_ptr<BulkLoader>> StartCopy(PGconn* conn, std::string_view table,
                                                    const std::vector<std::string>& columns,
                                                    std::vector<CopyColumn> encodings);

}  // namespace did::store
