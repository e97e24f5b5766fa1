// AuditLog: an append-only record of every submission, approval, exception and administrative
// change. Each entry's hash covers the one before, so altering or removing an entry breaks the
// chain; the head (the last entry, kept by the database) and each submission's entry catch
// entries removed from the end, which the chain alone cannot (docs/storage.md, "The audit
// log"). One thread; Append inside a transaction.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

// An entry's place in the chain: the last one's is the log's head.
struct AuditHead {
    int64_t seq = 0;
    std::string hash;
};

// A submission and the entry it says stored it, with that entry's hash as the log has it
// now (none when the entry is not there).
struct AuditAnchor {
    int64_t submission_id = 0;
    std::optional<int64_t> seq;
    std::string hash;
    std::optional<std::string> entry_hash;
};

class AuditLog {
  public:
    explicit AuditLog(SqlConnection& db) : db_(db) {}

    // Fills in seq, prev_hash and hash, and stores the entry. Must run inside the caller's
    // write transaction so that the entry commits (or not) with what it records.
    core::Result<AuditRow> Append(AuditRow entry);
    core::Status ForEach(const std::function<bool(const AuditRow&)>& visit);
    // The head as the database recorded it when the last entry was appended; none if that
    // record itself has gone.
    core::Result<std::optional<AuditHead>> Head();
    // The number of entries of each subject that ends with `subject_suffix`, counting only
    // actions that start with `action_prefix`.
    core::Result<std::map<std::string, int64_t>> CountBySubject(std::string_view action_prefix,
                                                                std::string_view subject_suffix);
    // When the last entry whose action starts with `action_prefix` was written; none if there is none.
    core::Result<std::optional<std::string>> LastAt(std::string_view action_prefix);
    // Every submission's anchor, in the order of submissions.
    core::Status ForEachAnchor(const std::function<bool(const AuditAnchor&)>& visit);

    SqlConnection& db() { return db_; }

    // The hash an entry must carry, given the one before.
    static std::string HashOf(const AuditRow& entry);

  private:
    SqlConnection& db_;
};

// The result of checking the whole log.
struct AuditVerdict {
    int64_t entries = 0;
    int64_t submissions = 0;  // checked against the entry that stored each
    bool intact = true;
    int64_t first_bad_seq = 0;  // the first entry missing or altered; 0 when no one entry is
    std::string problem;
    AuditHead head;  // the last entry
};

// Checks, in one snapshot of the database: that each entry follows on from the one before and
// matches its hash; that the log ends at the head the database recorded; that every
// submission's entry is there, unchanged; and, given `recorded` (a head noted down earlier,
// outside the database), that the log still holds that entry, unchanged.
core::Result<AuditVerdict> VerifyAuditChain(AuditLog& log, const std::optional<AuditHead>& recorded = std::nullopt);

}  // namespace did::store
