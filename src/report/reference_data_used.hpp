// Which reference data a validation was checked against, for its report: a file that passes
// against the shipped catalogue alone has not passed the central checks, and a reader must be
// able to tell. Plain values, filled in by the command that validated.
#pragma once

#include <cstdint>
#include <string>

namespace did::report {

struct ReferenceDataUsed {
    // "shipped" (the catalogue in `did`, nothing else), "data directory" (an earlier version's
    // catalogue file), "database" or "bundle" (exported by `did refdata export`).
    std::string source = "shipped";
    std::string location;     // the catalogue file, the database (no password) or the bundle; empty when shipped
    std::string exported_at;  // a bundle's export time, ISO 8601 UTC; empty otherwise
    // The NICIP catalogue: "shipped", or "imported" with when (empty when not known) and from what.
    std::string catalogue = "shipped";
    std::string catalogue_imported_at;
    std::string catalogue_file;
    uint64_t catalogue_codes = 0;
};

// One line for the text report: "bundle refdata.did exported 2026-11-20T10:00:00Z; NICIP
// catalogue imported 2026-11-01T09:00:00Z from nicip.csv (2,790 codes)".
std::string DescribeReferenceData(const ReferenceDataUsed& used);

}  // namespace did::report
