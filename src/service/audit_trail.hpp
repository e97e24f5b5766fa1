// Writing to and checking the audit log from the use cases: every submission, approval,
// exception and administrative change goes through Record(), inside the same transaction as
// the change itself, so the log never claims what did not happen (nor misses what did).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"
#include "service/actor.hpp"
#include "store/audit_log.hpp"
#include "store/store.hpp"

namespace did::service {

// `details`: key/value pairs, stored as a JSON object. Returns the entry as stored: its seq
// and hash let what it records point back at it (a submission keeps them, so that removing
// the entry shows; see store::VerifyAuditChain).
core::Result<store::AuditRow> Record(store::Store& store, const Actor& actor, std::string_view action,
                                     std::string_view subject,
                                     std::initializer_list<std::pair<std::string_view, std::string>> details);

// Records in a transaction of its own (for refusals, which change nothing else).
core::Status RecordAlone(store::Store& store, const Actor& actor, std::string_view action, std::string_view subject,
                         std::initializer_list<std::pair<std::string_view, std::string>> details);

}  // namespace did::service
