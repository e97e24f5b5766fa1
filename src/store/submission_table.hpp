// SubmissionTable: one row per stored submission (who sent which file for which month,
// its counts and whether it is the provider's current file for the month). One thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

class SubmissionTable {
  public:
    explicit SubmissionTable(SqlConnection& db) : db_(db) {}

    // Stores `row` (its id is ignored) and returns the new id.
    core::Result<int64_t> Insert(const SubmissionRow& row);
    core::Status Supersede(int64_t old_id, int64_t new_id, const std::string& at);
    // Records what the whole file came to: status, file digest and size, counts (a row is
    // inserted as loading before its file has been read).
    core::Status Complete(const SubmissionRow& row);
    // Makes a superseded submission current again (the caller supersedes the current one first).
    core::Status Reinstate(int64_t id);
    // The audit entry that records storing the submission, written in the same transaction:
    // `did audit verify` checks that the entry is still in the log, unchanged.
    core::Status SetAuditEntry(int64_t id, int64_t audit_seq, const std::string& audit_hash);
    // The submitter's feedback on the burden of the collection (what `did submit
    // --prep-minutes/--comment` stores with the file), given or changed afterwards.
    core::Status SetFeedback(int64_t id, std::optional<int64_t> prep_minutes, const std::string& comment);

    core::Result<std::optional<SubmissionRow>> Get(int64_t id);
    core::Result<std::optional<SubmissionRow>> Current(const std::string& provider, core::Period period);
    // A usable (current or superseded) submission of exactly this file.
    core::Result<std::optional<SubmissionRow>> ByFile(const std::string& provider, core::Period period,
                                                      const std::string& sha256);
    // Every submission of a period (of every period without one) and of a provider (of every
    // provider when empty), oldest first.
    core::Result<std::vector<SubmissionRow>> List(std::optional<core::Period> period, const std::string& provider);

  private:
    core::Result<std::optional<SubmissionRow>> One(const std::string& where, const SqlParams& params);
    SqlConnection& db_;
};

}  // namespace did::store
