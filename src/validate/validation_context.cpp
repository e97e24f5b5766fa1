#include "validate/validation_context.hpp"

namespace did::validate {

bool ValidationContext::CanRun(RuleId rule) const {
    switch (rules->Spec(rule).needs) {
        case Needs::kFile:
            return true;
        case Needs::kPeriod:
            return period.has_value();
        case Needs::kOrganisations:
        case Needs::kPostcodes:
        case Needs::kSubmitter:
        case Needs::kExclusions:
        case Needs::kStore:
        case Needs::kXml:
            return false;
    }
    return false;
}

}  // namespace did::validate
