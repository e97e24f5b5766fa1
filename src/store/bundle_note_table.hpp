// BundleNoteTable: what a reference data bundle (`did refdata export`) says of itself: when, by
// whom and from which database it was exported, and whether the postcode directory is in it.
// A collection's database has no note; a bundle has exactly one. One thread.
#pragma once

#include <optional>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

class BundleNoteTable {
  public:
    explicit BundleNoteTable(SqlConnection& db) : db_(db) {}

    core::Status Put(const BundleNoteRow& row);
    // None in a collection's database.
    core::Result<std::optional<BundleNoteRow>> Get();

  private:
    SqlConnection& db_;
};

}  // namespace did::store
