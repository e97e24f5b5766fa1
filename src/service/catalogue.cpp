#include "service/catalogue.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/file_io.hpp"
#include "core/sha256.hpp"
#include "core/with_commas.hpp"
#include "service/audit_trail.hpp"
#include "service/drop_guard.hpp"
#include "service/reference_data.hpp"
#include "store/catalogue_table.hpp"
#include "store/refdata_import_table.hpp"

namespace did::service {
namespace {

std::string Count(size_t n) {
    return core::WithCommas(static_cast<uint64_t>(n));
}

std::vector<store::NicipCodeRow> RowsOf(const refdata::NicipCatalogue& catalogue) {
    std::vector<store::NicipCodeRow> rows;
    rows.reserve(catalogue.size());
    for (const refdata::NicipEntry& e : catalogue.entries()) {
        rows.push_back({e.code, std::to_string(e.snomed), std::string(refdata::ModalityLabel(e.modality)),
                        e.nicip_retired_on ? e.nicip_retired_on->ToString() : "",
                        e.snomed_retired_on ? e.snomed_retired_on->ToString() : ""});
    }
    return rows;
}

// The stored codes go back through the release file's parser, so that a catalogue altered in
// the database behind `did`'s back is checked as a release file is, not trusted.
core::Result<std::shared_ptr<const refdata::NicipCatalogue>> CatalogueOf(const std::vector<store::NicipCodeRow>& rows) {
    std::string csv = "nicip_code,snomed_ct_id,modality,nicip_retired_on,snomed_retired_on\n";
    for (const store::NicipCodeRow& r : rows) {
        csv += fmt::format("{},{},{},{},{}\n", r.code, r.snomed_ct_id, r.modality, r.nicip_retired_on,
                           r.snomed_retired_on);
    }
    auto parsed = refdata::NicipCatalogue::Parse(csv);
    if (!parsed) {
        return core::Fail(
            core::Error::Corruption("the NICIP catalogue in the database is damaged: " + parsed.error().message));
    }
    return std::make_shared<const refdata::NicipCatalogue>(std::move(*parsed));
}

std::shared_ptr<const refdata::NicipCatalogue> Shipped() {
    // The shipped catalogue lives for the whole program: shared without being owned.
    return std::shared_ptr<const refdata::NicipCatalogue>(&refdata::NicipCatalogue::Shipped(),
                                                          [](const refdata::NicipCatalogue*) {});
}

// The catalogue in use, read in the caller's transaction.
core::Result<CatalogueInUse> Load(store::Store& store) {
    store::CatalogueTable codes(store.db());
    auto rows = codes.List();
    if (!rows) return core::Fail(rows.error());
    CatalogueInUse in_use;
    if (rows->empty()) {
        in_use.catalogue = Shipped();
        return in_use;
    }
    auto catalogue = CatalogueOf(*rows);
    if (!catalogue) return core::Fail(catalogue.error());
    in_use.catalogue = std::move(*catalogue);
    store::RefdataImportTable imports(store.db());
    auto latest = imports.Latest(kNicipDataset);
    if (!latest) return core::Fail(latest.error());
    in_use.import = std::move(*latest);
    return in_use;
}

}  // namespace

core::Result<CatalogueInUse> LoadCatalogue(store::Store& store, const std::string& earlier_file) {
    auto in_use = Load(store);
    if (!in_use) return in_use;
    if (!in_use->import && !earlier_file.empty() && core::FileExists(earlier_file)) {
        return core::Fail(core::Error::Conflict(
            fmt::format("{} holds a NICIP catalogue imported by an earlier version of did, but the database holds "
                        "none; import it into the database, where every server finds it, with: did refdata import {} "
                        "(or remove the file to use the shipped catalogue)",
                        earlier_file, earlier_file)));
    }
    return in_use;
}

core::Status WriteCatalogueCodes(store::Store& store, const refdata::NicipCatalogue& catalogue) {
    store::CatalogueTable codes(store.db());
    return codes.Replace(RowsOf(catalogue));
}

core::Result<CatalogueImport> ImportCatalogue(store::Store& store, const Actor& actor, const std::string& path,
                                              bool confirm_drop) {
    auto text = core::ReadFile(path);
    if (!text) return core::Fail(text.error());
    auto incoming = refdata::NicipCatalogue::Parse(*text);
    if (!incoming) return core::Fail(incoming.error());
    CatalogueImport outcome;
    outcome.sha256 = core::Sha256::Of(*text);

    // Compared and replaced under the write lock, so that two imports at once do not each
    // compare with the catalogue the other replaces.
    auto status = store.InTransaction([&]() -> core::Status {
        auto current = Load(store);
        if (!current) return core::Fail(current.error());
        outcome.changes = refdata::CompareCatalogues(*current->catalogue, *incoming);
        outcome.replaced_shipped = !current->import;
        const refdata::CatalogueChanges& c = outcome.changes;
        const std::string replaced =
            current->import ? "the catalogue imported on " + current->import->imported_at : "the shipped catalogue";
        if (!confirm_drop && DropsTooMuch(static_cast<int64_t>(c.kept()), static_cast<int64_t>(c.before))) {
            outcome.result = CatalogueImportResult::kHeldBack;
            outcome.message = fmt::format(
                "Held back: {} has {} NICIP codes and keeps only {} of the {} in {} ({:.0f}%); {} codes would be gone. "
                "If that is right, import it again with --confirm-drop. Nothing was changed.",
                path, Count(c.codes), Count(c.kept()), Count(c.before), replaced,
                100.0 * static_cast<double>(c.kept()) / static_cast<double>(c.before), Count(c.removed));
            return core::Fail(core::Error::Conflict("held back"));
        }
        store::CatalogueTable codes(store.db());
        if (auto written = codes.Replace(RowsOf(*incoming)); !written) return written;
        store::RefdataImportTable imports(store.db());
        if (auto added = imports.Add({0, kNicipDataset, core::UtcTimestamp(), actor.name, path, outcome.sha256,
                                      static_cast<int64_t>(c.codes)});
            !added) {
            return added;
        }
        outcome.message = fmt::format(
            "Imported {} NICIP codes into the database, replacing {}: {} new, {} removed, {} mapped to a different "
            "SNOMED CT concept, {} with a retirement date.",
            Count(c.codes), replaced, Count(c.added), Count(c.removed), Count(c.remapped), Count(c.retired));
        return Written(Record(store, actor, "refdata.nicip_imported", kNicipDataset,
                              {{"file", path},
                               {"sha256", outcome.sha256},
                               {"codes", std::to_string(c.codes)},
                               {"new", std::to_string(c.added)},
                               {"removed", std::to_string(c.removed)},
                               {"remapped", std::to_string(c.remapped)},
                               {"retired", std::to_string(c.retired)},
                               {"confirmed_drop", confirm_drop ? "yes" : "no"}}));
    });
    if (outcome.result == CatalogueImportResult::kHeldBack) {
        const refdata::CatalogueChanges& c = outcome.changes;
        if (auto audited = RecordAlone(store, actor, "refdata.nicip_held_back", kNicipDataset,
                                       {{"file", path},
                                        {"sha256", outcome.sha256},
                                        {"codes", std::to_string(c.codes)},
                                        {"removed", std::to_string(c.removed)},
                                        {"in_use", std::to_string(c.before)}});
            !audited) {
            return core::Fail(audited.error());
        }
        return outcome;
    }
    if (!status) return core::Fail(status.error());
    return outcome;
}

}  // namespace did::service
