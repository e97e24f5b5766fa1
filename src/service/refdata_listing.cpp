#include "service/refdata_listing.hpp"

#include <optional>
#include <tuple>

#include "refdata/organisation_directory.hpp"
#include "service/catalogue.hpp"
#include "service/reference_data.hpp"
#include "store/audit_log.hpp"
#include "store/bundle_note_table.hpp"
#include "store/engagement_table.hpp"
#include "store/icb_table.hpp"
#include "store/local_code_table.hpp"
#include "store/organisation_table.hpp"
#include "store/postcode_table.hpp"
#include "store/refdata_import_table.hpp"

namespace did::service {
namespace {

void FromImport(const std::optional<store::RefdataImportRow>& import, DatasetSummary& summary) {
    if (!import) return;
    summary.source = "imported";
    summary.date = import->imported_at;
    summary.file = import->file_name;
    summary.by = import->imported_by;
}

}  // namespace

core::Result<std::vector<DatasetSummary>> ListReferenceData(store::Store& store) {
    std::vector<DatasetSummary> sets;
    // One snapshot: the counts and dates agree with each other even while an import commits.
    if (auto begun = store.db().BeginRead(); !begun) return core::Fail(begun.error());
    auto listed = [&]() -> core::Status {
        store::RefdataImportTable imports(store.db());

        auto catalogue = LoadCatalogue(store);
        if (!catalogue) return core::Fail(catalogue.error());
        DatasetSummary nicip{
            "NICIP catalogue", "shipped", "", static_cast<int64_t>(catalogue->catalogue->size()), "", ""};
        FromImport(catalogue->import, nicip);
        sets.push_back(nicip);

        store::OrganisationTable organisations(store.db());
        for (auto [kind, name] :
             {std::pair{refdata::OrgKind::kGpPractice, "ODS GP practices"},
              std::pair{refdata::OrgKind::kTrust, "ODS NHS trusts"}, std::pair{refdata::OrgKind::kSite, "ODS sites"},
              std::pair{refdata::OrgKind::kIndependent, "ODS independent providers"},
              std::pair{refdata::OrgKind::kOther, "ODS other organisations"}}) {
            auto count = organisations.Count(refdata::OrgKindName(kind));
            if (!count) return core::Fail(count.error());
            auto import = imports.Latest(OdsDataset(kind));
            if (!import) return core::Fail(import.error());
            DatasetSummary ods{name, *count > 0 ? "imported" : "none", "", *count, "", ""};
            FromImport(*import, ods);
            sets.push_back(ods);
        }

        store::PostcodeTable postcodes(store.db());
        auto snapshot = postcodes.SnapshotDetails(kPostcodeSnapshot);
        if (!snapshot) return core::Fail(snapshot.error());
        auto postcode_import = imports.Latest(kPostcodeDataset);
        if (!postcode_import) return core::Fail(postcode_import.error());
        DatasetSummary directory{"ONS Postcode Directory", "none", "", 0, "", ""};
        if (*snapshot) {
            directory.source = "imported";
            directory.date = (*snapshot)->built_at;
            // The validator's compact set: eight bytes a postcode (refdata::PostcodeDirectory).
            directory.count = (*snapshot)->bytes / 8;
            FromImport(*postcode_import, directory);
        }
        sets.push_back(directory);

        auto icbs = store::IcbTable(store.db()).All();
        if (!icbs) return core::Fail(icbs.error());
        auto icb_import = imports.Latest(kIcbDataset);
        if (!icb_import) return core::Fail(icb_import.error());
        DatasetSummary icb_names{
            "ICB names and codes", icbs->empty() ? "none" : "imported", "", static_cast<int64_t>(icbs->size()), "", ""};
        if (!icbs->empty()) FromImport(*icb_import, icb_names);
        sets.push_back(icb_names);

        // The rules of engagement are changed one at a time, each audited: dated by the last
        // change. A bundle has no audit log; they are as of its export.
        store::BundleNoteTable notes(store.db());
        auto note = notes.Get();
        if (!note) return core::Fail(note.error());
        store::AuditLog log(store.db());
        store::EngagementTable engagement(store.db());
        store::LocalCodeTable local_codes(store.db());
        auto agreements = engagement.Agreements();
        if (!agreements) return core::Fail(agreements.error());
        auto approved = local_codes.List("", store::LocalCodeStatus::kApproved);
        if (!approved) return core::Fail(approved.error());
        auto exclusions = engagement.Exclusions();
        if (!exclusions) return core::Fail(exclusions.error());
        for (auto [name, count, actions] : {std::tuple{"agreements", agreements->size(), "agreement."},
                                            std::tuple{"approved local codes", approved->size(), "local_code."},
                                            std::tuple{"exclusions", exclusions->size(), "exclusion."}}) {
            DatasetSummary rules{name, *note ? "bundle" : "database", "", static_cast<int64_t>(count), "", ""};
            if (*note) {
                rules.date = (*note)->exported_at;
            } else {
                auto last = log.LastAt(actions);
                if (!last) return core::Fail(last.error());
                rules.date = last->value_or("");
            }
            sets.push_back(rules);
        }
        return {};
    }();
    (void)store.db().Commit();  // a read: nothing to keep
    if (!listed) return core::Fail(listed.error());
    return sets;
}

}  // namespace did::service
