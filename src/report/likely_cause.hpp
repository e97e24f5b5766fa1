// LikelyCause: when most records of a file fail one rule, the one mistake that probably
// explains them, said before the thousands of findings it causes: a file for another month
// (DIDC-PERIOD), another provider's sites or a wrong provider code (DIDC-SITE), or one rule
// broken throughout. Reads the findings once; only when one rule fails most records.
#pragma once

#include <optional>
#include <string>

#include "validate/rule_catalogue.hpp"
#include "validate/validation_report.hpp"

namespace did::report {

std::optional<std::string> LikelyCause(const validate::ValidationReport& report, const validate::RuleCatalogue& rules,
                                       const std::string& provider);

}  // namespace did::report
