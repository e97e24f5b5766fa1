#include "validate/record_pass.hpp"

#include <fmt/format.h>

#include "core/control_characters.hpp"
#include "core/utf8.hpp"
#include "validate/code_formats.hpp"

namespace did::validate {

using core::Date;
using core::Field;

void RecordValidator::Pass::CheckSite() {
    const std::string_view site = Get(Field::kSiteCode);
    if (site.empty()) {
        Add(RuleId::kDids067, "", "site code is missing");
        return;
    }
    const bool well_formed = IsSiteCode(site);
    if (!well_formed) {
        Add(RuleId::kDids069, site,
            fmt::format("site code '{}' is badly formed (5 upper-case letters or digits, e.g. RH802)", site));
    }
    const refdata::OrganisationDirectory* organisations = context().organisations;
    if (organisations == nullptr || !v_.has_sites_) {
        // Without organisation reference data, "known site" can only mean "well formed".
        if (!well_formed) {
            Add(RuleId::kDids068, site,
                fmt::format("site code '{}' is not a known site: it is not an ODS site code", site));
        }
        return;
    }
    CheckOdsEntry(site, refdata::OrgKind::kSite, "site", RuleId::kDids068, RuleId::kDids081);
}

void RecordValidator::Pass::CheckOdsEntry(std::string_view code, refdata::OrgKind kind, std::string_view what,
                                          RuleId unknown_rule, RuleId closed_rule) {
    const refdata::Organisation* found = context().organisations->Find(code);
    if (found == nullptr || found->kind != kind) {
        Add(unknown_rule, code, fmt::format("{} code '{}' is not a {} in the ODS data", what, code, what));
        return;
    }
    if (const auto test = facts_.test; test && !found->OpenOn(*test)) {
        Add(closed_rule, code,
            fmt::format("{} {} ({}) was not open on the test date {}", what, code, found->name, Iso(*test)));
    }
}

void RecordValidator::Pass::CheckAccession() {
    const std::string_view accession = Get(Field::kAccessionNumber);
    if (accession.empty()) {
        Add(RuleId::kDids070, "", "accession number is missing");
        return;
    }
    const core::TextShape shape = core::ShapeOf(accession);
    if (shape.code_points <= 20 && !shape.has_control) return;
    std::string message;
    if (shape.code_points > 20) {
        message = fmt::format("accession number is {} characters long; at most 20 are allowed", shape.code_points);
    }
    // Named as DIDC-CONTROL names it in other fields, so that the submitter can find it.
    if (const auto found = shape.has_control ? core::FindControlCharacter(accession) : std::nullopt) {
        message += fmt::format("{} holds a control character, {}, at character {}{}",
                               message.empty() ? "accession number" : "; it also",
                               core::DescribeControlCharacter(found->code_point), found->character,
                               found->count > 1 ? fmt::format(" (and {} more)", found->count - 1) : "");
    }
    Add(RuleId::kDids072, accession, std::move(message));
}

// The collection's rules of engagement: whose sites these are, excluded activity, and the same
// examination sent by another provider.
void RecordValidator::Pass::CheckEngagement() {
    const std::string_view site = Get(Field::kSiteCode);
    const ValidationContext& c = context();
    if (c.scope != nullptr && !site.empty()) {
        const std::string owner =
            c.organisations != nullptr ? c.organisations->SiteOwner(site) : std::string(site.substr(0, 3));
        if (!c.scope->Allows(owner)) {
            Add(RuleId::kDidcSite, site,
                fmt::format("site {} belongs to {}, which {} does not submit for (no agreement is recorded)", site,
                            owner, c.provider));
        }
    }
    if (c.exclusions != nullptr && !c.exclusions->empty()) {
        const bool excluded_site = !site.empty() && c.exclusions->sites.count(std::string(site)) > 0;
        const bool excluded_code = facts_.exam != nullptr && c.exclusions->codes.count(facts_.exam->code) > 0;
        if (excluded_site || excluded_code) {
            facts_.excluded = true;
            Add(RuleId::kDidcExcluded, site,
                excluded_site ? fmt::format("site {} is excluded activity (e.g. breast screening): kept out of the "
                                            "counts",
                                            site)
                              : fmt::format("{} is excluded activity: kept out of the counts", facts_.exam->code));
        }
    }
    if (c.registry != nullptr && facts_.test) {
        const std::string_view code =
            facts_.exam != nullptr ? std::string_view(facts_.exam->code) : Get(Field::kSnomedCode);
        const uint64_t key = ExaminationRegistry::KeyOf(Get(Field::kNhsNumber), Iso(*facts_.test), code, site);
        if (const auto* other = c.registry->Find(key)) {
            Add(RuleId::kDidcDuplicateProvider, Get(Field::kNhsNumber),
                fmt::format("the same examination (NHS number, test date, code {}, site {}) was already accepted from "
                            "{} (submission {}, line {}): possible double counting",
                            code, site, other->provider, other->submission_id, other->line));
        }
    }
}

}  // namespace did::validate
