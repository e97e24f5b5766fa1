#include "service/engagement_admin.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/utf8.hpp"
#include "service/audit_trail.hpp"
#include "store/engagement_table.hpp"
#include "store/local_code_table.hpp"

namespace did::service {
namespace {

std::string Until(std::optional<core::Period> until) { return until ? until->ToString() : ""; }

}  // namespace

core::Status ExpectProvider(store::Store& store, const Actor& actor, const std::string& provider, core::Period from,
                            std::optional<core::Period> until) {
    if (until && *until < from) return core::Fail(core::Error::InvalidArgument("--until is before --from"));
    return store.InTransaction([&]() -> core::Status {
        store::EngagementTable table(store.db());
        if (auto put = table.PutExpected({provider, from.ToString(), Until(until)}); !put) return put;
        auto entry =
            Record(store, actor, "provider.expected", provider, {{"from", from.ToString()}, {"until", Until(until)}});
        if (!entry) return core::Fail(entry.error());
        return {};
    });
}

core::Status AddAgreement(store::Store& store, const Actor& actor, const std::string& provider,
                          const std::string& organisation, core::Period from, std::optional<core::Period> until) {
    if (provider == organisation) {
        return core::Fail(core::Error::InvalidArgument("a provider always submits for its own sites"));
    }
    return store.InTransaction([&]() -> core::Status {
        store::EngagementTable table(store.db());
        if (auto put = table.PutAgreement({provider, organisation, from.ToString(), Until(until)}); !put) return put;
        auto entry = Record(store, actor, "agreement.recorded", provider + " for " + organisation,
                            {{"from", from.ToString()}, {"until", Until(until)}});
        if (!entry) return core::Fail(entry.error());
        return {};
    });
}

core::Status AddExclusion(store::Store& store, const Actor& actor, const std::string& kind, const std::string& value,
                          const std::string& reason) {
    if (kind != "site" && kind != "code") return core::Fail(core::Error::InvalidArgument("exclude a site or a code"));
    if (reason.empty()) return core::Fail(core::Error::InvalidArgument("an exclusion needs a reason"));
    return store.InTransaction([&]() -> core::Status {
        store::EngagementTable table(store.db());
        if (auto put = table.PutExclusion({kind, value, reason}); !put) return put;
        auto entry = Record(store, actor, "exclusion.added", kind + " " + value, {{"reason", reason}});
        if (!entry) return core::Fail(entry.error());
        return {};
    });
}

core::Status RemoveExclusion(store::Store& store, const Actor& actor, const std::string& kind,
                             const std::string& value) {
    return store.InTransaction([&]() -> core::Status {
        store::EngagementTable table(store.db());
        if (auto removed = table.RemoveExclusion(kind, value); !removed) return removed;
        auto entry = Record(store, actor, "exclusion.removed", kind + " " + value, {});
        if (!entry) return core::Fail(entry.error());
        return {};
    });
}

core::Status NotifyLocalCode(store::Store& store, const Actor& actor, const refdata::NicipCatalogue& catalogue,
                             const std::string& provider, const std::string& local_code, const std::string& nicip_code) {
    if (local_code.empty() || local_code.size() > 20 || core::HasControlCharacter(local_code)) {
        return core::Fail(core::Error::InvalidArgument("a local code is 1 to 20 printable characters"));
    }
    if (catalogue.FindNicip(local_code) != nullptr) {
        return core::Fail(core::Error::InvalidArgument(local_code + " is already a national NICIP code"));
    }
    if (catalogue.FindNicip(nicip_code) == nullptr) {
        return core::Fail(core::Error::InvalidArgument(nicip_code + " is not in the NICIP catalogue"));
    }
    return store.InTransaction([&]() -> core::Status {
        store::LocalCodeTable table(store.db());
        auto put = table.Notify({provider, local_code, nicip_code, "", actor.name, core::UtcTimestamp(), "", "", ""});
        if (!put) return put;
        auto entry = Record(store, actor, "local_code.notified", provider + " " + local_code, {{"nicip", nicip_code}});
        if (!entry) return core::Fail(entry.error());
        return {};
    });
}

core::Status DecideLocalCode(store::Store& store, const Actor& actor, const std::string& provider,
                             const std::string& local_code, const std::string& decision, const std::string& reason) {
    if (decision != "approved" && decision != "refused") {
        return core::Fail(core::Error::InvalidArgument("a local code is approved or refused"));
    }
    if (decision == "refused" && reason.empty()) {
        return core::Fail(core::Error::InvalidArgument("say why a local code is refused (--reason)"));
    }
    return store.InTransaction([&]() -> core::Status {
        store::LocalCodeTable table(store.db());
        auto found = table.Find(provider, local_code);
        if (!found) return core::Fail(found.error());
        if (!*found) {
            return core::Fail(core::Error::NotFound(fmt::format("{} has not notified a local code {}", provider, local_code)));
        }
        if (auto decided = table.Decide(provider, local_code, decision, actor.name, core::UtcTimestamp(), reason);
            !decided) {
            return decided;
        }
        auto entry = Record(store, actor, "local_code." + decision, provider + " " + local_code,
                            {{"nicip", (*found)->nicip_code}, {"reason", reason}});
        if (!entry) return core::Fail(entry.error());
        return {};
    });
}

}  // namespace did::service
