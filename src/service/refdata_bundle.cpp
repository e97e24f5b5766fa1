#include "service/refdata_bundle.hpp"

#include <filesystem>
#include <map>
#include <vector>

#include "core/clock.hpp"
#include "core/file_io.hpp"
#include "core/sha256.hpp"
#include "service/audit_trail.hpp"
#include "service/catalogue.hpp"
#include "service/reference_data.hpp"
#include "service/reference_validation.hpp"
#include "store/bundle_note_table.hpp"
#include "store/engagement_table.hpp"
#include "store/local_code_table.hpp"
#include "store/organisation_table.hpp"
#include "store/postcode_table.hpp"
#include "store/refdata_import_table.hpp"
#include "store/timetable_table.hpp"

namespace did::service {
namespace {

// Everything a bundle holds, read from the source database in one snapshot.
struct Contents {
    CatalogueInUse catalogue;
    std::map<std::string, std::vector<store::OrganisationRow>> organisations;  // by kind
    std::optional<std::string> postcodes;
    std::string postcodes_built_at;
    std::vector<store::AgreementRow> agreements;
    std::vector<store::LocalCodeRow> local_codes;
    std::vector<store::ExclusionRow> exclusions;
    std::vector<std::pair<std::string, std::string>> timetable_settings;
    std::vector<store::TimetableOverrideRow> timetable_overrides;
    std::vector<store::RefdataImportRow> imports;
};

template <class T>
core::Status Take(core::Result<T> result, T& into) {
    if (!result) return core::Fail(result.error());
    into = std::move(*result);
    return {};
}

core::Status ReadContents(store::Store& source, const BundleOptions& options, Contents& c) {
    auto catalogue = LoadCatalogue(source, options.earlier_catalogue_file);
    if (!catalogue) return core::Fail(catalogue.error());
    c.catalogue = std::move(*catalogue);
    store::OrganisationTable organisations(source.db());
    if (auto s = organisations.ForEach([&](const store::OrganisationRow& r) { c.organisations[r.kind].push_back(r); });
        !s) {
        return s;
    }
    if (options.postcodes) {
        store::PostcodeTable postcodes(source.db());
        if (auto s = Take(postcodes.Snapshot(kPostcodeSnapshot), c.postcodes); !s) return s;
        std::optional<store::SnapshotInfo> details;
        if (auto s = Take(postcodes.SnapshotDetails(kPostcodeSnapshot), details); !s) return s;
        if (details) c.postcodes_built_at = details->built_at;
    }
    store::EngagementTable engagement(source.db());
    if (auto s = Take(engagement.Agreements(), c.agreements); !s) return s;
    if (auto s = Take(engagement.Exclusions(), c.exclusions); !s) return s;
    // Only approved codes count in validation; notifications and refusals stay behind.
    store::LocalCodeTable local_codes(source.db());
    if (auto s = Take(local_codes.List("", store::LocalCodeStatus::kApproved), c.local_codes); !s) return s;
    // The timetable decides from when a late file is aged (its final deadline).
    store::TimetableTable timetable(source.db());
    if (auto s = Take(timetable.Settings("timetable."), c.timetable_settings); !s) return s;
    if (auto s = Take(timetable.Overrides(), c.timetable_overrides); !s) return s;
    store::RefdataImportTable imports(source.db());
    if (auto s = Take(imports.List(), c.imports); !s) return s;
    if (!options.postcodes) std::erase_if(c.imports, [](const auto& i) { return i.dataset == kPostcodeDataset; });
    return {};
}

core::Status WriteContents(store::Store& bundle, const Contents& c, const store::BundleNoteRow& note) {
    if (auto s = WriteCatalogueCodes(bundle, *c.catalogue.catalogue); !s) return s;
    store::OrganisationTable organisations(bundle.db());
    for (const auto& [kind, rows] : c.organisations) {
        if (auto s = organisations.ReplaceKind(kind, rows); !s) return s;
    }
    store::PostcodeTable postcodes(bundle.db());
    if (c.postcodes) {
        if (auto s = postcodes.PutSnapshot(kPostcodeSnapshot, c.postcodes_built_at, *c.postcodes); !s) return s;
    }
    store::EngagementTable engagement(bundle.db());
    for (const auto& a : c.agreements) {
        if (auto s = engagement.PutAgreement(a); !s) return s;
    }
    for (const auto& e : c.exclusions) {
        if (auto s = engagement.PutExclusion(e); !s) return s;
    }
    store::LocalCodeTable local_codes(bundle.db());
    for (const auto& code : c.local_codes) {
        if (auto s = local_codes.Put(code); !s) return s;
    }
    store::TimetableTable timetable(bundle.db());
    for (const auto& [key, value] : c.timetable_settings) {
        if (auto s = timetable.PutSetting(key, value); !s) return s;
    }
    for (const auto& o : c.timetable_overrides) {
        if (auto s = timetable.PutOverride(o); !s) return s;
    }
    store::RefdataImportTable imports(bundle.db());
    for (const auto& i : c.imports) {
        if (auto s = imports.Add(i); !s) return s;
    }
    store::BundleNoteTable notes(bundle.db());
    return notes.Put(note);
}

void RemoveDatabaseFiles(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ignored);
}

}  // namespace

core::Result<BundleSummary> ExportBundle(store::Store& source, const Actor& actor, const std::string& path,
                                         const BundleOptions& options) {
    // Only a bundle is replaced: a path that names anything else (a collection's database
    // above all) is refused before anything is written.
    if (std::filesystem::exists(path)) {
        if (auto earlier = OpenBundle(path); !earlier) {
            return core::Fail(core::Error::InvalidArgument(path + " exists and is not a reference data bundle (" +
                                                           earlier.error().message + "); it was left alone"));
        }
    }

    Contents contents;
    if (auto begun = source.db().BeginRead(); !begun) return core::Fail(begun.error());
    auto read = ReadContents(source, options, contents);
    (void)source.db().Commit();  // a read: nothing to keep
    if (!read) return core::Fail(read.error());

    BundleSummary summary;
    summary.exported_at = core::UtcTimestamp();
    const std::string part = path + ".part";
    RemoveDatabaseFiles(part);
    {
        auto bundle = store::Store::Open("sqlite:" + part);
        if (!bundle) return core::Fail(bundle.error());
        const store::BundleNoteRow note{summary.exported_at, actor.name, store::DisplayedUrl(source.url()),
                                        contents.postcodes.has_value()};
        if (auto written = (*bundle)->InTransaction([&] { return WriteContents(**bundle, contents, note); });
            !written) {
            bundle->reset();
            RemoveDatabaseFiles(part);
            return core::Fail(written.error());
        }
    }  // closed: SQLite folds its write-ahead log into the file
    auto bytes = core::ReadFile(part);
    if (!bytes) {
        RemoveDatabaseFiles(part);
        return core::Fail(bytes.error());
    }
    summary.sha256 = core::Sha256::Of(*bytes);
    summary.bytes = static_cast<int64_t>(bytes->size());
    std::error_code renamed;
    std::filesystem::rename(part, path, renamed);
    if (renamed) {
        RemoveDatabaseFiles(part);
        return core::Fail(core::Error::IoError("cannot move " + part + " to " + path + ": " + renamed.message()));
    }

    summary.catalogue_imported = contents.catalogue.import.has_value();
    summary.codes = static_cast<int64_t>(contents.catalogue.catalogue->size());
    for (const auto& [kind, rows] : contents.organisations) summary.organisations += static_cast<int64_t>(rows.size());
    summary.postcodes = contents.postcodes ? static_cast<int64_t>(contents.postcodes->size() / 8) : 0;
    summary.agreements = static_cast<int64_t>(contents.agreements.size());
    summary.local_codes = static_cast<int64_t>(contents.local_codes.size());
    summary.exclusions = static_cast<int64_t>(contents.exclusions.size());
    // Audited once the bundle is in place; if the entry cannot be written the bundle goes, so
    // that no export leaves the building unrecorded.
    auto audited = RecordAlone(source, actor, "refdata.exported", path,
                               {{"sha256", summary.sha256},
                                {"bytes", std::to_string(summary.bytes)},
                                {"catalogue", summary.catalogue_imported ? "imported" : "shipped"},
                                {"codes", std::to_string(summary.codes)},
                                {"organisations", std::to_string(summary.organisations)},
                                {"postcodes", std::to_string(summary.postcodes)},
                                {"agreements", std::to_string(summary.agreements)},
                                {"local_codes", std::to_string(summary.local_codes)},
                                {"exclusions", std::to_string(summary.exclusions)}});
    if (!audited) {
        RemoveDatabaseFiles(path);
        return core::Fail(audited.error());
    }
    return summary;
}

}  // namespace did::service
