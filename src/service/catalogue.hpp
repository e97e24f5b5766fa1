// The NICIP catalogue in use: the release last imported into the database (`did refdata
// import`), so that every server on one database validates against the same codes; until one
// is imported, the catalogue shipped in `did`. An import checks the whole release, compares it
// with the catalogue in use, holds back one that would remove too many codes (drop_guard.hpp),
// and writes the codes, a record of the import and its audit entry in one transaction.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "refdata/catalogue_changes.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"
#include "store/types.hpp"

namespace did::service {

struct CatalogueInUse {
    std::shared_ptr<const refdata::NicipCatalogue> catalogue;
    std::optional<store::RefdataImportRow> import;  // none: the shipped catalogue
};

// `earlier_file`: where an earlier version kept an imported catalogue (the data directory's
// refdata/nicip_catalogue.csv). When it exists and the database holds no catalogue, this
// fails (kConflict) saying to import it: falling back to the shipped catalogue unasked would
// change every finding about codes.
core::Result<CatalogueInUse> LoadCatalogue(store::Store& store, const std::string& earlier_file = "");

enum class CatalogueImportResult { kImported, kHeldBack };

struct CatalogueImport {
    CatalogueImportResult result = CatalogueImportResult::kImported;
    refdata::CatalogueChanges changes;
    bool replaced_shipped = false;  // it replaced the shipped catalogue, not an imported one
    std::string sha256;             // of the release file
    std::string message;            // what happened, for the user
};

// A release file (see refdata::NicipCatalogue::Parse) replaces the catalogue in use. One that
// keeps less than kDropThreshold of the codes in use is held back, changing nothing (but the
// audit log, which records that it was), unless `confirm_drop`.
core::Result<CatalogueImport> ImportCatalogue(store::Store& store, const Actor& actor, const std::string& path,
                                              bool confirm_drop);

// Writes `catalogue`'s codes as the one in use, in the caller's transaction, with no record of
// an import and no audit entry: for a reference data bundle, which carries the codes of the
// catalogue its database uses, shipped or imported.
core::Status WriteCatalogueCodes(store::Store& store, const refdata::NicipCatalogue& catalogue);

}  // namespace did::service
