// DataIssueNoteTable: the central team's notes on providers' data issues (data_issue_notes),
// one per provider and first month. One thread.
#pragma once

#include <string>
#include <vector>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

class DataIssueNoteTable {
  public:
    explicit DataIssueNoteTable(SqlConnection& db) : db_(db) {}

    // Adds the note, or replaces the one of the same provider and first month.
    core::Status Put(const DataIssueNoteRow& row);
    // False when there was no such note.
    core::Result<bool> Remove(const std::string& provider, const std::string& first_period);
    // Every note, by provider then first month.
    core::Result<std::vector<DataIssueNoteRow>> All();
    // The notes whose months meet [first, last] (YYYY-MM), by provider then first month.
    core::Result<std::vector<DataIssueNoteRow>> Overlapping(const std::string& first, const std::string& last);

  private:
    core::Result<std::vector<DataIssueNoteRow>> Select(const std::string& where, const SqlParams& params);

    SqlConnection& db_;
};

}  // namespace did::store
