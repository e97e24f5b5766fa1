#include "validate/validation_context.hpp"

namespace did::validate {

bool ValidationContext::CanRun(RuleId rule) const {
    switch (rules->Spec(rule).needs) {
        case Needs::kFile:
            return true;
        case Needs::kPeriod:
            return period.has_value();
        case Needs::kOrganisations:
            return organisations != nullptr && !organisations->empty();
        case Needs::kPostcodes:
            return postcodes != nullptr && !postcodes->empty();
        case Needs::kSubmitter:
            return scope != nullptr;
        case Needs::kExclusions:
            return exclusions != nullptr;
        case Needs::kStore:
            return registry != nullptr;
        case Needs::kXml:
            return false;
    }
    return false;
}

}  // namespace did::validate
