// RefdataImportTable: the record of every reference data import (the NICIP catalogue, each ODS
// file, the postcode directory): which data set, when, by whom, from which file and its SHA-256,
// how many rows. Written in the import's transaction, beside its audit entry; `did refdata
// show` dates each data set from it. Uses the store's connection; one thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

class RefdataImportTable {
  public:
    explicit RefdataImportTable(SqlConnection& db) : db_(db) {}

    // `row.id` is ignored: imports are numbered in the order they are added.
    core::Status Add(const RefdataImportRow& row);
    // The last import of `dataset`, if any.
    core::Result<std::optional<RefdataImportRow>> Latest(const std::string& dataset);
    // Every import, oldest first.
    core::Result<std::vector<RefdataImportRow>> List();

  private:
    SqlConnection& db_;
};

}  // namespace did::store
