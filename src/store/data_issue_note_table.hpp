// DataIssueNoteTable: the central team's notes on providers' data issues (data_issue_notes),
// one per provider and first month. One thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/sql_connection.hpp"

namespace did::store {

// The central team's note on a provider's data issue over some months, printed with every
// statistics table that covers any of them.
struct DataIssueNoteRow {
    std::string provider;
    std::string first_period;  // YYYY-MM
    std::string last_period;   // YYYY-MM, first_period or later
    std::string note;
    std::string written_by;
    std::string written_at;  // ISO 8601, UTC
};

class DataIssueNoteTable {
  public:
    explicit DataIssueNoteTable(SqlConnection& db) : db_(db) {}

    // Adds the note, or replaces the one of the same provider and first month.
    core::Status Put(const DataIssueNoteRow& row);
    // The note of this provider and first month, if there is one.
    core::Result<std::optional<DataIssueNoteRow>> Find(const std::string& provider, const std::string& first_period);
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
