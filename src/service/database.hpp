// Opening the database for a user's session: a command that only reads opens an existing
// database only and never migrates it into being; a command that stores creates what is
// missing. The error for a missing database says how to create one.
#pragma once

#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/store.hpp"

namespace did::service {

enum class Access { kReadWrite, kReadOnly };

core::Result<std::unique_ptr<store::Store>> OpenDatabase(const std::string& url, Access access);

// The schema version the database is at.
core::Result<int> SchemaVersionOf(store::Store& store);

}  // namespace did::service
