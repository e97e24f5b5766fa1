#include "refdata/organisation_directory.hpp"

#include <array>

#include "refdata/nicip_catalogue.hpp"

namespace did::refdata {
namespace {

constexpr std::array<std::pair<OrgKind, std::string_view>, 5> kKinds = {{
    {OrgKind::kTrust, "trust"},
    {OrgKind::kSite, "site"},
    {OrgKind::kGpPractice, "gp"},
    {OrgKind::kIndependent, "independent"},
    {OrgKind::kOther, "other"},
}};

}  // namespace

std::string_view OrgKindName(OrgKind kind) {
    for (const auto& [k, name] : kKinds) {
        if (k == kind) return name;
    }
    return "other";
}

std::optional<OrgKind> ParseOrgKind(std::string_view name) {
    for (const auto& [k, n] : kKinds) {
        if (n == name) return k;
    }
    return std::nullopt;
}

void OrganisationDirectory::Add(Organisation organisation) {
    const uint64_t key = NicipCatalogue::PackCode(organisation.code);
    if (key == 0) return;  // not an ODS code (longer than 7 characters): nothing can match it
    if (const uint32_t* existing = index_.Find(key)) {
        organisations_[*existing] = std::move(organisation);
        return;
    }
    index_.Put(key, static_cast<uint32_t>(organisations_.size()));
    organisations_.push_back(std::move(organisation));
}

const Organisation* OrganisationDirectory::Find(std::string_view code) const {
    const uint64_t key = NicipCatalogue::PackCode(code);
    const uint32_t* index = key == 0 ? nullptr : index_.Find(key);
    return index == nullptr ? nullptr : &organisations_[*index];
}

size_t OrganisationDirectory::Count(OrgKind kind) const {
    size_t count = 0;
    for (const Organisation& o : organisations_) count += o.kind == kind;
    return count;
}

std::string OrganisationDirectory::SiteOwner(std::string_view site) const {
    if (const Organisation* found = Find(site); found != nullptr && !found->parent.empty()) return found->parent;
    return std::string(site.substr(0, 3));
}

}  // namespace did::refdata
