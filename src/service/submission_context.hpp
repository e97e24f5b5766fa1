// Everything validating one provider's file for one month needs from the store: reference
// data, the provider's approved local codes, whose sites it may submit for, excluded
// activity, the month's final deadline (a file sent later is aged from it) and what other
// providers have already sent for those sites. Owns all of it; `context` points into it.
// Built before validation, read-only during it. `did submit` and `did validate --db` or
// `--refdata` build it the same way, so that they find the same.
#pragma once

#include <memory>
#include <string>

#include "core/date.hpp"
#include "core/period.hpp"
#include "refdata/local_codes.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "service/reference_data.hpp"
#include "store/store.hpp"
#include "validate/engagement.hpp"
#include "validate/validation_context.hpp"

namespace did::service {

struct SubmissionContext {
    std::unique_ptr<ReferenceData> reference;
    refdata::LocalCodes local_codes;
    validate::SubmitterScope scope;
    validate::Exclusions exclusions;
    validate::ExaminationRegistry registry;
    validate::ValidationContext context;
};

// `other_providers`: whether the store holds other providers' submissions to check
// DIDC-DUPLICATE-PROVIDER against; a reference data bundle does not, and the rule is then not
// run (the report says so).
core::Result<std::unique_ptr<SubmissionContext>> BuildSubmissionContext(store::Store& store,
                                                                        const refdata::NicipCatalogue& catalogue,
                                                                        const std::string& provider,
                                                                        core::Period period, core::Date received_on,
                                                                        bool other_providers = true);

}  // namespace did::service
