// IcbTable: the names and codes of England's Integrated Care Boards (icbs), as imported from
// the ONS file (`did refdata import-icbs`). One thread.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/sql_connection.hpp"

namespace did::store {

struct IcbRow {
    std::string code;      // E54…
    std::string ods_code;  // Q…
    std::string name;
};

class IcbTable {
  public:
    explicit IcbTable(SqlConnection& db) : db_(db) {}

    // Every ICB replaced by these (inside the caller's transaction).
    core::Status Replace(const std::vector<IcbRow>& rows);
    core::Result<std::vector<IcbRow>> All();

  private:
    SqlConnection& db_;
};

}  // namespace did::store
