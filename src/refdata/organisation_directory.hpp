// OrganisationDirectory: ODS organisations in memory for validation: provider trusts and
// independent providers, their sites, GP practices and other referring organisations, each
// with open and close dates and parent. Built once, then read-only: safe to share.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/flat_u64_map.hpp"

namespace did::refdata {

enum class OrgKind { kTrust, kSite, kGpPractice, kIndependent, kOther };

std::string_view OrgKindName(OrgKind kind);  // "trust", "site", "gp", "independent", "other"
std::optional<OrgKind> ParseOrgKind(std::string_view name);

struct Organisation {
    std::string code;
    std::string name;
    OrgKind kind = OrgKind::kOther;
    std::string parent;  // a site's trust or provider; a practice's commissioner
    std::string postcode;
    std::optional<core::Date> opened;
    std::optional<core::Date> closed;
    std::string region;  // the NHS England region's code (ODS national grouping), when given
    std::string icb;     // the ODS code of its Integrated Care Board (ODS column 4), when given

    bool OpenOn(core::Date day) const { return (!opened || *opened <= day) && (!closed || day <= *closed); }
};

class OrganisationDirectory {
  public:
    void Add(Organisation organisation);

    const Organisation* Find(std::string_view code) const;
    size_t size() const { return organisations_.size(); }
    size_t Count(OrgKind kind) const;
    bool empty() const { return organisations_.empty(); }

    // The organisation a site belongs to: its recorded parent, else (ODS convention) the
    // first three characters of the site code.
    std::string SiteOwner(std::string_view site) const;

    // Calls visit(organisation) for each, in the order added.
    template <class Visit>
    void ForEach(Visit&& visit) const {
        for (const Organisation& o : organisations_) visit(o);
    }

    // Every site whose owner satisfies `owned`.
    template <class Predicate>
    std::vector<std::string> SitesWhere(Predicate owned) const {
        std::vector<std::string> sites;
        for (const Organisation& o : organisations_) {
            if (o.kind == OrgKind::kSite && owned(SiteOwner(o.code))) sites.push_back(o.code);
        }
        return sites;
    }

  private:
    std::vector<Organisation> organisations_;
    core::FlatU64Map<uint32_t> index_;
};

}  // namespace did::refdata
