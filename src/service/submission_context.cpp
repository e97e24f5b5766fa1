#include "service/submission_context.hpp"

#include "service/timetable.hpp"
#include "store/engagement_table.hpp"
#include "store/local_code_table.hpp"
#include "store/record_table.hpp"

namespace did::service {
core::Result<std::unique_ptr<SubmissionContext>> BuildSubmissionContext(store::Store& store,
                                                                        const refdata::NicipCatalogue& catalogue,
                                                                        const std::string& provider,
                                                                        core::Period period, core::Date received_on,
                                                                        bool other_providers) {
    auto built = std::make_unique<SubmissionContext>();
    auto reference = LoadReferenceData(store);
    if (!reference) return core::Fail(reference.error());
    built->reference = std::move(*reference);

    store::LocalCodeTable local_codes(store.db());
    auto approved = local_codes.List(provider, store::LocalCodeStatus::kApproved);
    if (!approved) return core::Fail(approved.error());
    for (const store::LocalCodeRow& row : *approved) {
        if (const refdata::NicipEntry* entry = catalogue.FindNicip(row.nicip_code)) {
            built->local_codes.Add(row.local_code, *entry);
        }
    }

    store::EngagementTable engagement(store.db());
    built->scope.owners.insert(provider);
    auto agreements = engagement.Agreements();
    if (!agreements) return core::Fail(agreements.error());
    for (const store::AgreementRow& a : *agreements) {
        if (a.provider == provider && a.covers(period)) {
            built->scope.owners.insert(a.organisation);
        }
    }
    auto exclusions = engagement.Exclusions();
    if (!exclusions) return core::Fail(exclusions.error());
    for (const store::ExclusionRow& e : *exclusions) {
        (e.kind == "site" ? built->exclusions.sites : built->exclusions.codes).insert(e.value);
    }

    // Other providers' examinations at the sites this provider may submit for.
    // Known sites from ODS, and (for sites ODS does not list) any site code starting with an
    // owner's code, the ODS convention.
    const refdata::OrganisationDirectory& organisations = built->reference->organisations;
    if (other_providers) {
        const std::vector<std::string> sites =
            organisations.SitesWhere([&](const std::string& owner) { return built->scope.Allows(owner); });
        std::vector<std::string> prefixes;
        for (const std::string& owner : built->scope.owners) prefixes.push_back(owner.substr(0, 3));
        store::RecordTable records(store.db());
        auto status =
            records.ForEachExamination(period, provider, sites, prefixes, [&](const store::StoredExamination& e) {
                const std::string_view code = !e.nicip_code.empty() ? std::string_view(e.nicip_code) : e.snomed_code;
                built->registry.Add(validate::ExaminationRegistry::KeyOf(e.nhs_number, e.test_date, code, e.site_code),
                                    {e.provider, e.submission_id, e.line});
            });
        if (!status) return core::Fail(status.error());
    }

    auto timetable = Timetable::Load(store);
    if (!timetable) return core::Fail(timetable.error());
    auto window = timetable->For(period);
    if (!window) return core::Fail(window.error());

    validate::ValidationContext& c = built->context;
    // A file received after the final deadline (by exception) is aged as if sent on it.
    if (received_on > window->final) c.aged_from = window->final;
    c.catalogue = &catalogue;
    c.local_codes = &built->local_codes;
    c.submitted = received_on;
    c.period = period;
    c.provider = provider;
    c.organisations = &organisations;
    c.postcodes = &built->reference->postcodes;
    c.scope = &built->scope;
    c.exclusions = &built->exclusions;
    c.registry = other_providers ? &built->registry : nullptr;
    return built;
}

}  // namespace did::service
