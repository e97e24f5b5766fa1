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
    // A trigger moves the head (audit_head) on to this entry, in this transaction.
    auto stored = db_.Execute(
        "INSERT INTO audit_log (seq, at, actor, origin, action, subject, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {entry.seq, entry.at, entry.actor, entry.origin, entry.action, entry.subject, entry.detail, entry.prev_hash,
         entry.hash});
    if (!stored) return core::Fail(stored.error());
    return entry;
}

core::Status AuditLog::ForEach(const std::function<bool(const AuditRow&)>& visit) {
    return db_.Query(
        "SELECT seq, at, actor, origin, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq", {},
        [&](const SqlRow& r) {
            return visit(
                {r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Text(8)});
        });
}

core::Result<std::optional<AuditHead>> AuditLog::Head() {
    auto row = db_.QueryOne("SELECT seq, hash FROM audit_head");
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<AuditHead>();
    return std::optional<AuditHead>(AuditHead{(*row)->Int(0), (*row)->Text(1)});
}

namespace {

// `text` matched literally by LIKE … ESCAPE '!'.
std::string LikeLiteral(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '!') out += '!';
        out += c;
    }
    return out;
}

}  // namespace

core::Result<std::map<std::string, int64_t>> AuditLog::CountBySubject(std::string_view action_prefix,
                                                                      std::string_view subject_suffix) {
    std::map<std::string, int64_t> counts;
    auto status = db_.Query(
        "SELECT subject, COUNT(*) FROM audit_log WHERE action LIKE ? ESCAPE '!' AND subject LIKE ? ESCAPE '!' "
        "GROUP BY subject",
        {LikeLiteral(action_prefix) + "%", "%" + LikeLiteral(subject_suffix)}, [&](const SqlRow& r) {
            counts[r.Text(0)] = r.Int(1);
            return true;
        });
    if (!status) return core::Fail(status.error());
    return counts;
}

core::Result<std::optional<std::string>> AuditLog::LastAt(std::string_view action_prefix) {
    auto row = db_.QueryOne("SELECT MAX(at) FROM audit_log WHERE action LIKE ? ESCAPE '!'",
                            {LikeLiteral(action_prefix) + "%"});
    if (!row) return core::Fail(row.error());
    return *row ? (*row)->Optional(0) : std::optional<std::string>();
}

core::Status AuditLog::ForEachAnchor(const std::function<bool(const AuditAnchor&)>& visit) {
    return db_.Query(
        "SELECT s.id, s.audit_seq, s.audit_hash, a.hash FROM submissions s "
        "LEFT JOIN audit_log a ON a.seq = s.audit_seq ORDER BY s.id",
        {}, [&](const SqlRow& r) {
            AuditAnchor anchor{r.Int(0), std::nullopt, r.Text(2), r.Optional(3)};
            if (!r.IsNull(1)) anchor.seq = r.Int(1);
            return visit(anchor);
        });
}

namespace {

// Marks the verdict broken at `seq` (0: not one entry) and says why.
void Broken(AuditVerdict& verdict, int64_t seq, std::string problem) {
    verdict.intact = false;
    verdict.first_bad_seq = seq;
    verdict.problem = std::move(problem);
}

// The chain itself: each entry in its place, following on from the one before, matching its
// hash; and the entry noted down earlier as the head, if any, still the same.
core::Status CheckChain(AuditLog& log, const std::optional<AuditHead>& recorded, AuditVerdict& verdict) {
    verdict.head = {0, std::string(64, '0')};
    return log.ForEach([&](const AuditRow& e) {
        ++verdict.entries;
        const int64_t expected = verdict.head.seq + 1;
        if (e.seq != expected) {
            Broken(verdict, expected, "it is missing (the log goes on at entry " + std::to_string(e.seq) + ")");
        } else if (e.prev_hash != verdict.head.hash) {
            Broken(verdict, e.seq, "it does not follow on from the entry before");
        } else if (AuditLog::HashOf(e) != e.hash) {
            Broken(verdict, e.seq, "its content does not match its hash");
        } else if (recorded && recorded->seq == e.seq && recorded->hash != e.hash) {
            Broken(verdict, e.seq, "it is not the entry noted down as the head earlier: the log has been rewritten");
        }
        if (!verdict.intact) return false;
        verdict.head = {e.seq, e.hash};
        return true;
    });
}

// The log must end where the database's head says the last entry was appended, and reach
// any head noted down earlier.
core::Status CheckEnd(AuditLog& log, const std::optional<AuditHead>& recorded, AuditVerdict& verdict) {
    auto head = log.Head();
    if (!head) return core::Fail(head.error());
    const int64_t last = verdict.head.seq;
    const std::string ends = "the log ends at entry " + std::to_string(last);
    if (!*head) {
        Broken(verdict, 0, "the record of its last entry (audit_head) has been removed");
    } else if ((*head)->seq > last) {
        const std::string written = "entries were appended up to " + std::to_string((*head)->seq) + " but " + ends;
        Broken(verdict, last + 1,
               (*head)->seq == last + 1 ? "it is missing: " + written
                                        : "it and the entries after it are missing: " + written);
    } else if ((*head)->seq < last) {
        Broken(verdict, (*head)->seq + 1,
               "it was added behind the log's back (the last entry appended is " + std::to_string((*head)->seq) + ")");
    } else if ((*head)->hash != verdict.head.hash) {
        Broken(verdict, last, "it is not the entry that was appended last");
    } else if (recorded && recorded->seq > last) {
        Broken(verdict, last + 1,
               "it is missing: the head noted down earlier is entry " + std::to_string(recorded->seq) + " but " + ends);
    }
    return {};
}

// Every submission names the entry that stored it: that entry must be there, unchanged.
core::Status CheckAnchors(AuditLog& log, AuditVerdict& verdict) {
    return log.ForEachAnchor([&](const AuditAnchor& a) {
        ++verdict.submissions;
        const std::string submission = "submission " + std::to_string(a.submission_id);
        if (!a.seq) {
            Broken(verdict, 0, submission + " names no entry of the log");
        } else if (!a.entry_hash) {
            Broken(verdict, *a.seq, "it is missing, and it recorded storing " + submission);
        } else if (*a.entry_hash != a.hash) {
            Broken(verdict, *a.seq, "it is not the entry that recorded storing " + submission);
        }
        return verdict.intact;
    });
}

}  // namespace

core::Result<AuditVerdict> VerifyAuditChain(AuditLog& log, const std::optional<AuditHead>& recorded) {
    // One snapshot: a submission committed while the log is read must not look like a
    // submission whose entry is missing.
    if (auto begun = log.db().BeginRead(); !begun) return core::Fail(begun.error());
    AuditVerdict verdict;
    core::Status status = CheckChain(log, recorded, verdict);
    if (status && verdict.intact) status = CheckEnd(log, recorded, verdict);
    if (status && verdict.intact) status = CheckAnchors(log, verdict);
    (void)log.db().Rollback();
    if (!status) return core::Fail(status.error());
    return verdict;
}

}  // namespace did::store
