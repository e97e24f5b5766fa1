#include "service/reference_validation.hpp"

#include "core/file_io.hpp"
#include "service/organisation_check.hpp"
#include "store/bundle_note_table.hpp"

namespace did::service {
namespace {

void DescribeCatalogue(const CatalogueInUse& in_use, report::ReferenceDataUsed& used) {
    used.catalogue_codes = in_use.catalogue->size();
    if (!in_use.import) return;
    used.catalogue = "imported";
    used.catalogue_imported_at = in_use.import->imported_at;
    used.catalogue_file = in_use.import->file_name;
}

}  // namespace

core::Result<std::unique_ptr<store::Store>> OpenBundle(const std::string& path) {
    if (!core::FileExists(path)) return core::Fail(core::Error::NotFound("there is no bundle " + path));
    auto store = store::Store::Open("sqlite:" + path, store::IfMissing::kFail);
    if (!store) {
        return core::Fail(core::Error::InvalidArgument(path + " is not a reference data bundle (" +
                                                       store.error().message + "); make one with did refdata export"));
    }
    store::BundleNoteTable note((*store)->db());
    auto found = note.Get();
    if (!found) return core::Fail(found.error());
    if (!*found) {
        return core::Fail(core::Error::InvalidArgument(
            path +
            " is a DID Collect database, not a reference data bundle: give it with --db, or make a bundle "
            "with did refdata export"));
    }
    return store;
}

report::ReferenceDataUsed DatabaseReferenceData(const store::Store& store, const CatalogueInUse& catalogue) {
    report::ReferenceDataUsed used;
    used.source = "database";
    used.location = store::DisplayedUrl(store.url());
    DescribeCatalogue(catalogue, used);
    return used;
}

core::Result<PreparedValidation> PrepareValidation(store::Store& store, const std::string& bundle_path,
                                                   const std::string& provider, core::Period period,
                                                   core::Date received_on, const std::string& earlier_catalogue_file) {
    if (auto known = CheckOrganisation(store, provider, OrgRole::kProvider); !known) {
        if (known.error().code != core::ErrorCode::kInvalidArgument) return core::Fail(known.error());
        return core::Fail(
            core::Error::InvalidArgument(known.error().message + ": a submission from it would be refused"));
    }
    PreparedValidation prepared;
    auto catalogue = LoadCatalogue(store, earlier_catalogue_file);
    if (!catalogue) return core::Fail(catalogue.error());
    prepared.catalogue = std::move(*catalogue);
    const bool bundle = !bundle_path.empty();
    auto context = BuildSubmissionContext(store, *prepared.catalogue.catalogue, provider, period, received_on,
                                          /*other_providers=*/!bundle);
    if (!context) return core::Fail(context.error());
    prepared.context = std::move(*context);
    if (bundle) {
        store::BundleNoteTable notes(store.db());
        auto note = notes.Get();
        if (!note) return core::Fail(note.error());
        prepared.used.source = "bundle";
        prepared.used.location = bundle_path;
        if (*note) prepared.used.exported_at = (*note)->exported_at;
        DescribeCatalogue(prepared.catalogue, prepared.used);
    } else {
        prepared.used = DatabaseReferenceData(store, prepared.catalogue);
    }
    return prepared;
}

}  // namespace did::service
