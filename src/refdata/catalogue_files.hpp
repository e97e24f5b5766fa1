// Where the NICIP catalogue lives at run time: a data directory may hold an imported
// release (refdata/nicip_catalogue.csv) that replaces the one shipped in the binary.
// Import validates the whole release first and replaces the file atomically.
#pragma once

#include <memory>
#include <string>

#include "core/error.hpp"
#include "refdata/nicip_catalogue.hpp"

namespace did::refdata {

std::string CatalogueFilePath(const std::string& data_dir);

// The imported catalogue when the data directory has one, else the shipped one.
core::Result<std::shared_ptr<const NicipCatalogue>> LoadCatalogue(const std::string& data_dir);

struct ImportSummary {
    size_t codes = 0;
    size_t added = 0;     // codes not in the catalogue it replaces
    size_t removed = 0;   // codes gone from the catalogue it replaces
    size_t remapped = 0;  // codes whose SNOMED CT concept changed
    size_t retired = 0;   // codes with a retirement date
    std::string path;
};

// Parses `release_csv`, compares it with the catalogue in use, writes it to the data directory.
core::Result<ImportSummary> ImportCatalogue(const std::string& data_dir, const std::string& release_path);

}  // namespace did::refdata
