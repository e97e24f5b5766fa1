// The PostgreSQL connection, through libpq: text parameters, results streamed row by row,
// COPY for bulk loads, advisory locks to serialise writers of one provider's period.
#pragma once

#include <memory>
#include <string>

#include "store/sql_connection.hpp"

namespace did::store {

core::Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& url);

// `?` placeholders, outside quoted text, become `$1`, `$2`, …
std::string NumberPlaceholders(std::string_view sql);

}  // namespace did::store
