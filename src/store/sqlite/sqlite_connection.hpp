// The SQLite connection: one database file, write-ahead log, synchronous=FULL (a committed
// submission survives a power cut), a generous busy timeout so concurrent writers queue.
#pragma once

#include <memory>
#include <string>

#include "store/sql_connection.hpp"

namespace did::store {

core::Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path, IfMissing if_missing);

}  // namespace did::store
