// Finding: one thing wrong with one record (or with the file), as data. Findings are
// never exceptions: a file can hold millions of them and every one reaches the submitter.
#pragma once

#include <cstdint>
#include <string>

#include "validate/rule_id.hpp"

namespace did::validate {

struct Finding {
    uint64_t line = 0;  // physical line on which the record starts (the header is line 1)
    RuleId rule = RuleId::kDids075;
    Severity severity = Severity::kReject;  // as it applied to this file's submission date
    std::string value;                      // the field as sent (trimmed), or empty
    std::string message;                    // specific: says what was found and what was expected
};

}  // namespace did::validate
