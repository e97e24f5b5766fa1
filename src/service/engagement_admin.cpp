#include "service/engagement_admin.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/utf8.hpp"
#include "service/audit_trail.hpp"
#include "service/organisation_check.hpp"
#include "store/engagement_table.hpp"
#include "store/local_code_table.hpp"

namespace did::service {
namespace {

std::string Until(std::optional<core::Period> until) {
    return until ? until->ToString() : "";
}

// "from 2026-01" or "from 2026-01 until 2026-12".
std::string Span(core::Period from, std::optional<core::Period> until) {
    return "from " + from.ToString() + (until ? " until " + until->ToString() : "");
}

}  // namespace

core::Result<std::string> ExpectProvider(store::Store& store, const Actor& actor, const std::string& provider,
                                         core::Period from, std::optional<core::Period> until) {
    if (until && *until < from) return core::Fail(core::Error::InvalidArgument("--until is before --from"));
    if (auto known = CheckOrganisation(store, provider, OrgRole::kProvider); !known) return core::Fail(known.error());
    std::string replaced;
    auto status = store.InTransaction([&]() -> core::Status {
        store::EngagementTable table(store.db());
        auto rows = table.Expected();
        if (!rows) return core::Fail(rows.error());
        for (const auto& row : *rows) {
            if (row.provider == provider) replaced = Span(row.from_period, row.until_period);
        }
        if (auto put = table.PutExpected({provider, from, until}); !put) return put;
        return Written(Record(store, actor, "provider.expected", provider,
                              {{"from", from.ToString()}, {"until", Until(until)}, {"replaced", replaced}}));
    });
    if (!status) return core::Fail(status.error());
    return replaced;
}

core::Status StopExpecting(store::Store& store, const Actor& actor, const std::string& provider) {
    return store.InTransaction([&]() -> core::Status {
        store::EngagementTable table(store.db());
        auto rows = table.Expected();
        if (!rows) return core::Fail(rows.error());
        const auto row = std::find_if(rows->begin(), rows->end(),
                                      [&](const store::ExpectedRow& r) { return r.provider == provider; });
        if (row == rows->end()) {
            return core::Fail(core::Error::NotFound(provider + " is not expected to submit: nothing to remove"));
        }
        if (auto removed = table.RemoveExpected(provider); !removed) return removed;
        return Written(Record(store, actor, "provider.no_longer_expected", provider,
                              {{"was", Span(row->from_period, row->until_period)}}));
    });
}

core::Result<std::vector<store::ExpectedRow>> ListExpected(store::Store& store) {
    return store::EngagementTable(store.db()).Expected();
}

core::Result<std::string> AddAgreement(store::Store& store, const Actor& actor, const std::string& provider,
                                       const std::string& organisation, core::Period from,
                                       std::optional<core::Period> until) {
    if (provider == organisation) {
        return core::Fail(core::Error::InvalidArgument("a provider always submits for its own sites"));
    }
    if (until && *until < from) return core::Fail(core::Error::InvalidArgument("--until is before --from"));
    if (auto known = CheckOrganisation(store, provider, OrgRole::kProvider); !known) return core::Fail(known.error());
    if (auto known = CheckOrganisation(store, organisation, OrgRole::kProvider); !known) {
        return core::Fail(known.error());
    }
    std::string replaced;
    auto status = store.InTransaction([&]() -> core::Status {
        store::EngagementTable table(store.db());
        auto rows = table.Agreements();
        if (!rows) return core::Fail(rows.error());
        for (const auto& row : *rows) {
            if (row.provider == provider && row.organisation == organisation && row.from_period == from) {
                replaced = Span(row.from_period, row.until_period);
            }
        }
        if (auto put = table.PutAgreement({provider, organisation, from, until}); !put) return put;
        return Written(Record(store, actor, "agreement.recorded", provider + " for " + organisation,
                              {{"from", from.ToString()}, {"until", Until(until)}, {"replaced", replaced}}));
    });
    if (!status) return core::Fail(status.error());
    return replaced;
}

core::Status RemoveAgreement(store::Store& store, const Actor& actor, const std::string& provider,
                             const std::string& organisation) {
    return store.InTransaction([&]() -> core::Status {
        store::EngagementTable table(store.db());
        auto rows = table.Agreements();
        if (!rows) return core::Fail(rows.error());
        std::string was;
        for (const auto& row : *rows) {
            if (row.provider == provider && row.organisation == organisation) {
                was += (was.empty() ? "" : "; ") + Span(row.from_period, row.until_period);
            }
        }
        if (was.empty()) {
            return core::Fail(core::Error::NotFound(
                fmt::format("{} has no agreement to submit for {}: nothing to remove", provider, organisation)));
        }
        if (auto removed = table.RemoveAgreements(provider, organisation); !removed) return removed;
        return Written(Record(store, actor, "agreement.removed", provider + " for " + organisation, {{"was", was}}));
    });
}

core::Result<std::vector<store::AgreementRow>> ListAgreements(store::Store& store) {
    return store::EngagementTable(store.db()).Agreements();
}

core::Result<std::string> AddExclusion(store::Store& store, const Actor& actor, const std::string& kind,
                                       const std::string& value, const std::string& reason) {
    if (kind != "site" && kind != "code") return core::Fail(core::Error::InvalidArgument("exclude a site or a code"));
    if (reason.empty()) return core::Fail(core::Error::InvalidArgument("an exclusion needs a reason"));
    if (kind == "site") {
        if (auto known = CheckOrganisation(store, value, OrgRole::kSite); !known) return core::Fail(known.error());
    }
    std::string replaced;
    auto status = store.InTransaction([&]() -> core::Status {
        store::EngagementTable table(store.db());
        auto rows = table.Exclusions();
        if (!rows) return core::Fail(rows.error());
        for (const auto& row : *rows) {
            if (row.kind == kind && row.value == value) replaced = "the reason '" + row.reason + "'";
        }
        if (auto put = table.PutExclusion({kind, value, reason}); !put) return put;
        return Written(
            Record(store, actor, "exclusion.added", kind + " " + value, {{"reason", reason}, {"replaced", replaced}}));
    });
    if (!status) return core::Fail(status.error());
    return replaced;
}

core::Status RemoveExclusion(store::Store& store, const Actor& actor, const std::string& kind,
                             const std::string& value) {
    return store.InTransaction([&]() -> core::Status {
        store::EngagementTable table(store.db());
        auto rows = table.Exclusions();
        if (!rows) return core::Fail(rows.error());
        const bool present = std::any_of(rows->begin(), rows->end(), [&](const store::ExclusionRow& r) {
            return r.kind == kind && r.value == value;
        });
        if (!present) {
            return core::Fail(
                core::Error::NotFound(fmt::format("{} {} is not excluded: nothing to remove", kind, value)));
        }
        if (auto removed = table.RemoveExclusion(kind, value); !removed) return removed;
        auto entry = Record(store, actor, "exclusion.removed", kind + " " + value, {});
        if (!entry) return core::Fail(entry.error());
        return {};
    });
}

core::Result<std::vector<store::ExclusionRow>> ListExclusions(store::Store& store) {
    return store::EngagementTable(store.db()).Exclusions();
}

core::Status NotifyLocalCode(store::Store& store, const Actor& actor, const refdata::NicipCatalogue& catalogue,
                             const std::string& provider, const std::string& local_code,
                             const std::string& nicip_code) {
    if (auto known = CheckOrganisation(store, provider, OrgRole::kProvider); !known) return known;
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
        auto put = table.Notify({provider, local_code, nicip_code, store::LocalCodeStatus::kNotified, actor.name,
                                 core::UtcTimestamp(), "", "", ""});
        if (!put) return put;
        auto entry = Record(store, actor, "local_code.notified", provider + " " + local_code, {{"nicip", nicip_code}});
        if (!entry) return core::Fail(entry.error());
        return {};
    });
}

core::Status DecideLocalCode(store::Store& store, const Actor& actor, const std::string& provider,
                             const std::string& local_code, store::LocalCodeStatus decision,
                             const std::string& reason) {
    if (decision == store::LocalCodeStatus::kNotified) {
        return core::Fail(core::Error::InvalidArgument("a local code is approved or refused"));
    }
    if (decision == store::LocalCodeStatus::kRefused && reason.empty()) {
        return core::Fail(core::Error::InvalidArgument("say why a local code is refused (--reason)"));
    }
    return store.InTransaction([&]() -> core::Status {
        store::LocalCodeTable table(store.db());
        auto found = table.Find(provider, local_code);
        if (!found) return core::Fail(found.error());
        if (!*found) {
            return core::Fail(
                core::Error::NotFound(fmt::format("{} has not notified a local code {}", provider, local_code)));
        }
        if (auto decided = table.Decide(provider, local_code, decision, actor.name, core::UtcTimestamp(), reason);
            !decided) {
            return decided;
        }
        auto entry = Record(store, actor, "local_code." + std::string(store::LocalCodeStatusName(decision)),
                            provider + " " + local_code, {{"nicip", (*found)->nicip_code}, {"reason", reason}});
        if (!entry) return core::Fail(entry.error());
        return {};
    });
}

core::Status WithdrawLocalCode(store::Store& store, const Actor& actor, const std::string& provider,
                               const std::string& local_code) {
    return store.InTransaction([&]() -> core::Status {
        store::LocalCodeTable table(store.db());
        auto found = table.Find(provider, local_code);
        if (!found) return core::Fail(found.error());
        if (!*found) {
            return core::Fail(core::Error::NotFound(
                fmt::format("{} has not notified a local code {}: nothing to withdraw", provider, local_code)));
        }
        if (auto withdrawn = table.Withdraw(provider, local_code); !withdrawn) return withdrawn;
        return Written(Record(
            store, actor, "local_code.withdrawn", provider + " " + local_code,
            {{"nicip", (*found)->nicip_code}, {"was", std::string(store::LocalCodeStatusName((*found)->status))}}));
    });
}

core::Result<std::vector<store::LocalCodeRow>> ListLocalCodes(store::Store& store, const std::string& provider,
                                                              std::optional<store::LocalCodeStatus> status) {
    return store::LocalCodeTable(store.db()).List(provider, status);
}

}  // namespace did::service
