// `did refdata export BUNDLE`: everything validation needs, and nothing else, in one SQLite file
// a trust can take away and give to `did validate --refdata`: the codes of the NICIP catalogue
// in use (shipped or imported), the ODS organisations, the postcode set (unless left out), the
// agreements, approved local codes, exclusions and the timetable, the record of reference data
// imports, and a note of when, by whom and from which database it was exported. Never a
// submission, a record, a finding or the audit log: patient data does not leave. The bundle is
// built beside its path and renamed into place once whole; the export is audited.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace did::service {

struct BundleOptions {
    bool postcodes = true;               // the postcode set is most of a bundle's size (about 44 MB in full)
    std::string earlier_catalogue_file;  // see LoadCatalogue
};

struct BundleSummary {
    std::string exported_at;
    std::string sha256;  // of the bundle file
    int64_t bytes = 0;
    bool catalogue_imported = false;
    int64_t codes = 0;
    int64_t organisations = 0;
    int64_t postcodes = 0;
    int64_t agreements = 0;
    int64_t local_codes = 0;
    int64_t exclusions = 0;
};

// `path` may name an earlier bundle, which is replaced; any other existing file is refused.
core::Result<BundleSummary> ExportBundle(store::Store& source, const Actor& actor, const std::string& path,
                                         const BundleOptions& options);

}  // namespace did::service
