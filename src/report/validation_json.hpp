// The JSON form of a validation report (docs/validation-report.md):
// {"file_errors":[…],"records":{…},"rules":[…],"findings":[…]} with every finding.
#pragma once

#include "core/error.hpp"
#include "report/output_stream.hpp"
#include "validate/rule_catalogue.hpp"
#include "validate/validation_report.hpp"

namespace did::report {

core::Status WriteValidationJson(const validate::ValidationReport& report, const validate::RuleCatalogue& rules,
                                 OutputStream& out);

}  // namespace did::report
