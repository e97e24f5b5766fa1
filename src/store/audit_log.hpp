// AuditLog: an append-only record of every submission, approval, exception and
// administrative change (who, what, when, from where). Each entry's hash covers the
// previous entry's hash, so changing or removing any entry breaks the chain from there on;
// the database also refuses updates and deletes. One thread; Append inside a transaction.
#pragma once

#include <functional>
#include <string>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

class AuditLog {
public:
    explicit AuditLog(SqlConnection& db) : db_(db) {}

    // Fills in seq, prev_hash and hash, and stores the entry. Must run inside the caller's
    // write transaction so that the entry commits (or not) with what it records.
    core::Result<AuditRow> Append(AuditRow entry);
    core::Status ForEach(const std::function<bool(const AuditRow&)>& visit);

    // The hash an entry must carry, given the one before.
    static std::string HashOf(const AuditRow& entry);

private:
    SqlConnection& db_;
};

// The result of checking the whole chain.
struct AuditVerdict {
    int64_t entries = 0;
    bool intact = true;
    int64_t first_bad_seq = 0;
    std::string problem;
};
core::Result<AuditVerdict> VerifyAuditChain(AuditLog& log);

}  // namespace did::store
