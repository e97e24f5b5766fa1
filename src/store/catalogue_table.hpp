// CatalogueTable: the NICIP catalogue in use once one has been imported, one row per code, so
// that every server on the database validates against the same release. Empty until the first
// import: the catalogue shipped in `did` is used then. Uses the store's connection; one thread.
#pragma once

#include <vector>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

class CatalogueTable {
  public:
    explicit CatalogueTable(SqlConnection& db) : db_(db) {}

    // Replaces every code with `rows`, in the caller's transaction.
    core::Status Replace(const std::vector<NicipCodeRow>& rows);
    // Every code, in code order; empty when no catalogue has been imported.
    core::Result<std::vector<NicipCodeRow>> List();
    core::Result<int64_t> Count();

  private:
    SqlConnection& db_;
};

}  // namespace did::store
