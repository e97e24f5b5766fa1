#include "store/audit_log.hpp"

#include "core/sha256.hpp"

namespace did::store {

std::string AuditLog::HashOf(const AuditRow& e) {
    // Length-prefixed fields: no two different entries serialise alike.
    std::string canonical;
    for (const std::string* field : {&e.prev_hash, &e.at, &e.actor, &e.origin, &e.action, &e.subject, &e.detail}) {
        canonical += std::to_string(field->size()) + ":" + *field + ";";
    }
    canonical += std::to_string(e.seq);
    return core::Sha256::Of(canonical);
}

core::Result<AuditRow> AuditLog::Append(AuditRow entry) {
    if (auto locked = db_.LockKey("audit-log"); !locked) return core::Fail(locked.error());
    auto last = db_.QueryOne("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!last) return core::Fail(last.error());
    entry.seq = *last ? (*last)->Int(0) + 1 : 1;
    entry.prev_hash = *last ? (*last)->Text(1) : std::string(64, '0');
    entry.hash = HashOf(entry);
    auto stored = db_.Execute(
        "INSERT INTO audit_log (seq, at, actor, origin, action, subject, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {entry.seq, entry.at, entry.actor, entry.origin, entry.action, entry.subject, entry.detail, entry.prev_hash,
         entry.hash});
    if (!stored) return core::Fail(stored.error());
    return entry;
}

core::Status AuditLog::ForEach(const std::function<bool(const AuditRow&)>& visit) {
    return db_.Query("SELECT seq, at, actor, origin, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq",
                     {}, [&](const SqlRow& r) {
                         return visit({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                                       r.Text(7), r.Text(8)});
                     });
}

core::Result<AuditVerdict> VerifyAuditChain(AuditLog& log) {
    AuditVerdict verdict;
    std::string previous(64, '0');
    int64_t expected_seq = 1;
    auto status = log.ForEach([&](const AuditRow& e) {
        ++verdict.entries;
        std::string problem;
        if (e.seq != expected_seq) {
            problem = "entry " + std::to_string(expected_seq) + " is missing";
        } else if (e.prev_hash != previous) {
            problem = "it does not follow on from the entry before";
        } else if (AuditLog::HashOf(e) != e.hash) {
            problem = "its content does not match its hash";
        }
        if (!problem.empty()) {
            verdict.intact = false;
            verdict.first_bad_seq = e.seq;
            verdict.problem = problem;
            return false;
        }
        previous = e.hash;
        ++expected_seq;
        return true;
    });
    if (!status) return core::Fail(status.error());
    return verdict;
}

}  // namespace did::store
