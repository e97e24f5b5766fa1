// What a new NICIP release changes against the catalogue in use: codes new, gone, mapped to
// another SNOMED CT concept, and how many carry a retirement date. Said after an import, and
// what holds back a release that would remove most of the catalogue. Pure.
#pragma once

#include <cstddef>

#include "refdata/nicip_catalogue.hpp"

namespace did::refdata {

struct CatalogueChanges {
    size_t codes = 0;     // in the new release
    size_t before = 0;    // in the catalogue it replaces
    size_t added = 0;     // codes not in the catalogue it replaces
    size_t removed = 0;   // codes gone from the catalogue it replaces
    size_t remapped = 0;  // codes whose SNOMED CT concept changed
    size_t retired = 0;   // codes with a retirement date

    size_t kept() const { return before - removed; }
};

CatalogueChanges CompareCatalogues(const NicipCatalogue& before, const NicipCatalogue& after);

}  // namespace did::refdata
