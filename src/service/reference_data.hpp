// Reference data use cases: importing the ODS organisation files and the ONS Postcode
// Directory into the store (each import one transaction, recorded with its file's SHA-256 and
// audited), and loading them back into the in-memory directories validation uses.
#pragma once

#include <memory>
#include <string>

#include "core/error.hpp"
#include "refdata/organisation_directory.hpp"
#include "refdata/postcode_directory.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace did::service {

// Each data set's name in the record of imports (store::RefdataImportTable).
inline constexpr const char* kNicipDataset = "nicip";
inline constexpr const char* kPostcodeDataset = "postcodes";
inline std::string OdsDataset(refdata::OrgKind kind) {
    return "ods." + std::string(refdata::OrgKindName(kind));
}
// The compact postcode set validation loads (store::PostcodeTable's snapshots).
inline constexpr const char* kPostcodeSnapshot = "postcodes";
// Each postcode's English ICB, for the statistics by commissioner (refdata/postcode_icbs.hpp).
inline constexpr const char* kPostcodeIcbSnapshot = "postcode_icbs";
inline constexpr const char* kIcbDataset = "icbs";

struct ImportCounts {
    int64_t rows = 0;
    std::string kind;
};

// An ODS file of one kind replaces every organisation of that kind. The whole file is
// checked first: any bad row refuses it, listing the problems, and nothing changes.
core::Result<ImportCounts> ImportOds(store::Store& store, const Actor& actor, const std::string& path,
                                     refdata::OrgKind kind);

// The ONS Postcode Directory (a CSV with a header naming pcds, doterm, oslaua, rgn, lsoa21 or
// lsoa11, icb) replaces the stored directory, the compact set validation loads and each
// postcode's ICB.
core::Result<ImportCounts> ImportPostcodes(store::Store& store, const Actor& actor, const std::string& path);

// The ONS names and codes of the ICBs (refdata/icb_names.hpp) replace the stored ones; the
// whole file is checked first.
core::Result<ImportCounts> ImportIcbNames(store::Store& store, const Actor& actor, const std::string& path);

struct ReferenceData {
    refdata::OrganisationDirectory organisations;
    refdata::PostcodeDirectory postcodes;
};

core::Result<std::unique_ptr<ReferenceData>> LoadReferenceData(store::Store& store);

}  // namespace did::service
