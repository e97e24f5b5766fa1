// Everything validating one provider's file for one month needs from the store: reference
// data, the provider's approved local codes, whose sites it may submit for, excluded
// activity and what other providers have already sent for those sites. Owns all of it;
// `context` points into it. Built before validation, read-only during it.
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

core::Result<std::unique_ptr<SubmissionContext>> BuildSubmissionContext(store::Store& store,
                                                                        const refdata::NicipCatalogue& catalogue,
                                                                        const std::string& provider,
                                                                        core::Period period, core::Date received_on);

}  // namespace did::service
