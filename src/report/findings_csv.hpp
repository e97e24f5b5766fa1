// Every finding as CSV (line,site_code,accession_number,field,rule,severity,value,message),
// file errors first: the download a data manager opens in a spreadsheet to fix the extract,
// and a RIS team uses to find each examination. A report, not data: a cell a spreadsheet
// would run as a formula is written as text (docs/report-safety.md).
#pragma once

#include "core/error.hpp"
#include "report/output_stream.hpp"
#include "validate/rule_catalogue.hpp"
#include "validate/validation_report.hpp"

namespace did::report {

core::Status WriteFindingsCsv(const validate::ValidationReport& report, const validate::RuleCatalogue& rules,
                              OutputStream& out);

}  // namespace did::report
