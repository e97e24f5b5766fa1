// Writing to and checking the audit log from the use cases: every submission, approval,
// exception and administrative change goes through Record(), inside the same transaction as
// the change itself, so the log never claims what did not happen (nor misses what did).
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"
#include "core/period.hpp"
#include "service/actor.hpp"
#include "store/audit_log.hpp"
#include "store/store.hpp"

namespace did::service {

// What an entry about one provider's month concerns ("RXX 2026-10"): `did status` counts a
// month's attempts by it, and a submission's lock is taken on it.
inline std::string MonthSubject(const std::string& provider, core::Period period) {
    return provider + " " + period.ToString();
}

// `details`: key/value pairs, stored as a JSON object. Returns the entry as stored: its seq
// and hash let what it records point back at it (a submission keeps them, so that removing
// the entry shows; see store::VerifyAuditChain).
core::Result<store::AuditRow> Record(store::Store& store, const Actor& actor, std::string_view action,
                                     std::string_view subject,
                                     std::initializer_list<std::pair<std::string_view, std::string>> details);

// For a change that needs only to know its entry was written.
inline core::Status Written(const core::Result<store::AuditRow>& entry) {
    if (!entry) return core::Fail(entry.error());
    return {};
}

// Records in a transaction of its own (for refusals, which change nothing else).
core::Status RecordAlone(store::Store& store, const Actor& actor, std::string_view action, std::string_view subject,
                         std::initializer_list<std::pair<std::string_view, std::string>> details);

// Every entry, oldest first; `visit` returns false to stop.
core::Status ForEachAuditEntry(store::Store& store, const std::function<bool(const store::AuditRow&)>& visit);

// Checks the chain, the submissions' anchors and the head (and `recorded`, a head noted
// down outside the database); see store::VerifyAuditChain.
core::Result<store::AuditVerdict> VerifyAudit(store::Store& store,
                                              const std::optional<store::AuditHead>& recorded = std::nullopt);

}  // namespace did::service
