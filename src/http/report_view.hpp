// The parts of a validation result every page shows the same way: the counts, and per rule
// its code, meaning, severity, count and first examples, from a report just made (a dry run,
// a file held back) or from a stored submission (submission_page.cpp builds the same shape).
#pragma once

#include "core/date.hpp"
#include "http/context.hpp"
#include "validate/validation_report.hpp"

namespace did::http {

// {records, accepted, rejected, warned, rules: [{code, meaning, severity, count, examples}],
//  file_errors: [{line, message}], has_rules, has_file_errors}
PageData ReportView(const validate::ValidationReport& report);

}  // namespace did::http
