// Kh12ReturnTable: the old KH12 activity return as loaded (kh12_returns): examinations per
// financial year, provider and KH12 category. One thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/sql_connection.hpp"

namespace did::store {

struct Kh12ReturnRow {
    std::string year;  // financial year, 2025-26
    std::string provider;
    std::string category;
    int64_t examinations = 0;
};

class Kh12ReturnTable {
  public:
    explicit Kh12ReturnTable(SqlConnection& db) : db_(db) {}

    // Replaces every row of the years the rows are for (inside the caller's transaction).
    core::Status ReplaceYears(const std::vector<Kh12ReturnRow>& rows);
    core::Result<std::vector<Kh12ReturnRow>> OfYear(const std::string& year);

  private:
    SqlConnection& db_;
};

}  // namespace did::store
