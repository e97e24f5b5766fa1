#include "service/audit_trail.hpp"

#include "core/clock.hpp"
#include "core/text_escape.hpp"

namespace did::service {

core::Result<store::AuditRow> Record(store::Store& store, const Actor& actor, std::string_view action,
                                     std::string_view subject,
                                     std::initializer_list<std::pair<std::string_view, std::string>> details) {
    std::string json = "{";
    for (const auto& [key, value] : details) {
        if (json.size() > 1) json += ',';
        core::AppendJsonString(json, key);
        json += ':';
        core::AppendJsonString(json, value);
    }
    json += '}';
    store::AuditLog log(store.db());
    return log.Append(
        {0, core::UtcTimestamp(), actor.name, actor.origin, std::string(action), std::string(subject), json, "", ""});
}

core::Status RecordAlone(store::Store& store, const Actor& actor, std::string_view action, std::string_view subject,
                         std::initializer_list<std::pair<std::string_view, std::string>> details) {
    return store.InTransaction([&]() -> core::Status {
        auto entry = Record(store, actor, action, subject, details);
        if (!entry) return core::Fail(entry.error());
        return {};
    });
}

core::Status ForEachAuditEntry(store::Store& store, const std::function<bool(const store::AuditRow&)>& visit) {
    store::AuditLog log(store.db());
    return log.ForEach(visit);
}

core::Result<store::AuditVerdict> VerifyAudit(store::Store& store, const std::optional<store::AuditHead>& recorded) {
    store::AuditLog log(store.db());
    return store::VerifyAuditChain(log, recorded);
}

}  // namespace did::service
