// ValidationContext: everything a check may consult besides the record itself: the code
// catalogue, the provider's notified local codes, the submission date, the reporting
// period and the rule catalogue. Borrowed pointers: the owner keeps them alive for the
// whole validation. Read-only during validation, so shared by all worker threads.
#pragma once

#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/period.hpp"
#include "refdata/local_codes.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "refdata/organisation_directory.hpp"
#include "refdata/postcode_directory.hpp"
#include "validate/engagement.hpp"
#include "validate/rule_catalogue.hpp"

namespace did::validate {

struct ValidationContext {
    const refdata::NicipCatalogue* catalogue = &refdata::NicipCatalogue::Shipped();
    const refdata::LocalCodes* local_codes = nullptr;  // none notified when null
    const RuleCatalogue* rules = &RuleCatalogue::Standard();
    core::Date submitted = core::Date::Today();  // the day the file is received
    // The day the age rules (DIDS049, DIDS055) count back from, when not `submitted`: a file
    // sent late under an administrator's exception is aged as if sent on the final deadline,
    // or the exception could never let its records in.
    std::optional<core::Date> aged_from;
    std::optional<core::Period> period;  // DIDC-PERIOD runs only when set
    std::string provider;                // the submitting organisation, when known

    // Reference data and rules of engagement; each turns on the rules that need it.
    const refdata::OrganisationDirectory* organisations = nullptr;  // DIDS018/024/068 lookups, DIDS079-081
    const refdata::PostcodeDirectory* postcodes = nullptr;          // DIDS016
    const SubmitterScope* scope = nullptr;                          // DIDC-SITE
    const Exclusions* exclusions = nullptr;                         // DIDC-EXCLUDED
    const ExaminationRegistry* registry = nullptr;                  // DIDC-DUPLICATE-PROVIDER

    // Whether a rule can run with what this context holds.
    bool CanRun(RuleId rule) const;
};

}  // namespace did::validate
