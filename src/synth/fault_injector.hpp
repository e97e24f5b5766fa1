// FaultInjector: turns a clean synthetic record into one that breaks a chosen rule (and
// possibly others the same mistake implies), the way real extracts go wrong.
#pragma once

#include "core/date.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "synth/random.hpp"
#include "synth/synth_record.hpp"
#include "validate/rule_id.hpp"

namespace did::synth {

struct FaultContext {
    core::Date submitted;
    core::Date period_start;
    const SynthRecord* previous = nullptr;  // for DIDS071; null on the first record
    const refdata::NicipCatalogue* catalogue = nullptr;
};

// Returns false when the fault cannot be made on this record (DIDS071 with no earlier one).
bool InjectFault(validate::RuleId rule, const FaultContext& context, Random& random, SynthRecord& record);

}  // namespace did::synth
