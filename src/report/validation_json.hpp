// The JSON form of a validation report (docs/validation-report.md):
// {"subject":{…},"reference_data":{…},"likely_cause":…,"file_errors":[…],"records":{…},
// "rules":[…],"findings":[…]} with every finding.
#pragma once

#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"
#include "report/output_stream.hpp"
#include "report/reference_data_used.hpp"
#include "validate/rule_catalogue.hpp"
#include "validate/validation_report.hpp"

namespace did::report {

// What the report is about, as the command was told it.
struct ReportSubject {
    std::string file_name;
    std::string provider;  // empty: not given
    std::optional<core::Period> period;
    core::Date submitted = core::Date::Today();
    std::string sha256;  // empty: not taken (did validate does not hash the file, to stay fast)
    ReferenceDataUsed reference;
};

core::Status WriteValidationJson(const validate::ValidationReport& report, const validate::RuleCatalogue& rules,
                                 const ReportSubject& subject, OutputStream& out);

}  // namespace did::report
