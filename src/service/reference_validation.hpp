// Validating a file as its submission would be, before it is sent: against the reference data
// of the collection's database (`did validate --db`) or of a bundle exported from it
// (`did validate --refdata`), through the same BuildSubmissionContext as `did submit`, so that
// both find exactly the same. A bundle holds no submissions: DIDC-DUPLICATE-PROVIDER, which
// compares with other providers' stored records, is not checked from one.
#pragma once

#include <memory>
#include <string>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"
#include "report/reference_data_used.hpp"
#include "service/catalogue.hpp"
#include "service/submission_context.hpp"
#include "store/store.hpp"

namespace did::service {

// Opens a reference data bundle (`did refdata export`) for reading: a SQLite file that holds a
// bundle's note; anything else is refused, naming what it is.
core::Result<std::unique_ptr<store::Store>> OpenBundle(const std::string& path);

// The validation context and what it was built from. Owns everything `context` points into.
struct PreparedValidation {
    CatalogueInUse catalogue;
    std::unique_ptr<SubmissionContext> context;
    report::ReferenceDataUsed used;
};

// `store` is the collection's database, or a bundle opened with OpenBundle (`bundle_path`, as
// the user named it, non-empty then). `earlier_catalogue_file`: see LoadCatalogue. A provider
// that a submission would refuse (not a known ODS provider) is an error here too.
core::Result<PreparedValidation> PrepareValidation(store::Store& store, const std::string& bundle_path,
                                                   const std::string& provider, core::Period period,
                                                   core::Date received_on,
                                                   const std::string& earlier_catalogue_file = "");

// What a submission to `store` validates against, for its report.
report::ReferenceDataUsed DatabaseReferenceData(const store::Store& store, const CatalogueInUse& catalogue);

}  // namespace did::service
