#include "service/organisation_check.hpp"

#include <map>
#include <vector>

#include <fmt/format.h>

#include "core/suggest.hpp"
#include "store/organisation_table.hpp"

namespace did::service {
namespace {

bool IsProvider(const std::string& kind) {
    return kind == "trust" || kind == "independent";
}

std::string Describe(const store::OrganisationRow& row) {
    if (row.kind == "gp") return "a GP practice";
    if (row.kind == "site") return "a site" + (row.parent.empty() ? std::string() : " of " + row.parent);
    if (row.kind == "trust") return "an NHS trust";
    if (row.kind == "independent") return "an independent provider";
    return "an organisation that neither provides imaging nor is a site";
}

}  // namespace

core::Status CheckOrganisation(store::Store& store, const std::string& code, OrgRole role) {
    std::map<std::string, store::OrganisationRow> known;
    store::OrganisationTable table(store.db());
    auto read = table.ForEach([&](const store::OrganisationRow& row) {
        // Practices are many, and never meant here (unless named exactly).
        if (row.kind != "gp" || row.code == code) known.emplace(row.code, row);
    });
    if (!read) return read;
    const bool want_provider = role == OrgRole::kProvider;
    const auto found = known.find(code);
    if (found == known.end()) {
        // Before any ODS file is loaded nothing can be checked; validation says the same of
        // the rules that need ODS, and a new installation must be able to start somewhere.
        if (known.empty()) return {};
        std::vector<std::string> candidates;
        for (const auto& [known_code, row] : known) {
            if (IsProvider(row.kind) == want_provider && (want_provider || row.kind == "site")) {
                candidates.push_back(known_code);
            }
        }
        const auto near = core::Nearest(code, candidates);
        return core::Fail(core::Error::InvalidArgument(fmt::format("{} is not a known ODS {} code{}", code,
                                                                   want_provider ? "provider" : "site",
                                                                   near ? " (did you mean " + *near + "?)" : "")));
    }
    const store::OrganisationRow& row = found->second;
    if (want_provider && !IsProvider(row.kind)) {
        if (row.kind == "site" && !row.parent.empty()) {
            return core::Fail(core::Error::InvalidArgument(
                fmt::format("{} is a site of {}: give the provider, {}", code, row.parent, row.parent)));
        }
        return core::Fail(
            core::Error::InvalidArgument(fmt::format("{} is {}, not a provider of imaging", code, Describe(row))));
    }
    if (!want_provider && row.kind != "site") {
        std::string sites;
        for (const auto& [site_code, site] : known) {
            if (site.kind == "site" && site.parent == code) sites += (sites.empty() ? "" : ", ") + site_code;
        }
        return core::Fail(core::Error::InvalidArgument(fmt::format("{} is {}, not a site{}", code, Describe(row),
                                                                   sites.empty() ? "" : "; its sites are " + sites)));
    }
    return {};
}

core::Result<std::optional<store::OrganisationRow>> FindOrganisation(store::Store& store, const std::string& code) {
    return store::OrganisationTable(store.db()).Find(code);
}

}  // namespace did::service
