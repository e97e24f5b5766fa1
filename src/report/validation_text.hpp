// The text form of a validation report: a summary a data manager can take in at a glance
// (verdict, counts, each rule with its count, meaning and first lines, with the site and
// accession number of each), then how to get every finding.
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

struct TextReportHeading {
    std::string file_name;
    std::string provider;
    std::optional<core::Period> period;
    core::Date submitted = core::Date::Today();
    double seconds = 0;
    std::string findings_path;  // where every finding was written, if anywhere
    std::string accepted_path;  // where the accepted records were written, if anywhere
    std::string rejected_path;  // where the rejected records were copied as sent, if anywhere
    std::string rerun_command;  // how to get every finding; default `did validate FILE`
    std::string verdict;        // replaces the headline when the outcome is not the file's (a submission held back)
    ReferenceDataUsed reference;
};

core::Status WriteValidationText(const validate::ValidationReport& report, const validate::RuleCatalogue& rules,
                                 const TextReportHeading& heading, OutputStream& out);

}  // namespace did::report
