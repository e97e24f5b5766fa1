#include "validate/record_validator.hpp"

#include "validate/record_pass.hpp"

namespace did::validate {

using core::Date;
using core::Field;

RecordValidator::RecordValidator(const ValidationContext& context)
    : context_(context),
      submission_month_start_(context.aged_from.value_or(context.submitted).FirstOfMonth()),
      warn_before_(submission_month_start_.AddMonths(-3)),
      reject_before_(submission_month_start_.AddMonths(-6)) {
    for (int i = 0; i < kRuleCount; ++i) {
        const auto rule = static_cast<RuleId>(i);
        severity_[static_cast<size_t>(i)] = context.rules->SeverityOn(rule, context.submitted);
        runs_[static_cast<size_t>(i)] = context.CanRun(rule);
    }
    if (context.organisations != nullptr) {
        has_practices_ = context.organisations->Count(refdata::OrgKind::kGpPractice) > 0;
        has_sites_ = context.organisations->Count(refdata::OrgKind::kSite) > 0;
    }
}

RecordOutcome RecordValidator::Validate(RecordFields fields, uint64_t line, std::vector<Finding>& findings,
                                        RecordFacts& facts, bool may_hold_control) const {
    facts = RecordFacts{};
    return Pass(*this, fields, line, findings, facts, may_hold_control).Run();
}

}  // namespace did::validate
