// `did refdata show`: every reference data set validation uses, one line each, with where it
// came from, its date and its size: the NICIP catalogue (shipped or imported), each kind of ODS
// organisation, the postcode directory, agreements, approved local codes and exclusions. In a
// bundle the rules of engagement are dated by its export (a bundle has no audit log).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/store.hpp"

namespace did::service {

struct DatasetSummary {
    std::string name;    // "NICIP catalogue", "ODS GP practices", …, "exclusions"
    std::string source;  // shipped, imported, none (never imported), database, bundle
    std::string date;    // when imported, or last changed; empty when never
    int64_t count = 0;   // codes, organisations, postcodes, agreements, …
    std::string file;    // the file imported, when it was
    std::string by;      // who imported it
};

core::Result<std::vector<DatasetSummary>> ListReferenceData(store::Store& store);

}  // namespace did::service
