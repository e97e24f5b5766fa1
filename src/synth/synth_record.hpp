// SynthRecord: one generated examination: its eighteen fields as text plus the dates
// behind them, so a fault can be made relative to the record's own dates.
#pragma once

#include <array>
#include <string>

#include "core/date.hpp"
#include "core/field.hpp"

namespace did::synth {

struct SynthRecord {
    std::array<std::string, core::kFieldCount> fields;
    core::Date birth = core::Date::FromPacked(0);
    core::Date request = core::Date::FromPacked(0);
    core::Date received = core::Date::FromPacked(0);
    core::Date test = core::Date::FromPacked(0);
    core::Date report = core::Date::FromPacked(0);

    std::string& operator[](core::Field field) { return fields[core::Index(field)]; }
    const std::string& operator[](core::Field field) const { return fields[core::Index(field)]; }
};

}  // namespace did::synth
