// The five-year age band of a patient at the examination, as the analyses count ages: "0-4",
// "5-9", …, "80-84", "85+", or "unknown" without both dates or with the birth after the test.
// Pure.
#pragma once

#include <array>
#include <string_view>

#include "core/optional_date.hpp"

namespace did::service {

inline constexpr std::array<std::string_view, 19> kAgeBands = {
    "0-4",   "5-9",   "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",  "45-49",
    "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85+",   "unknown"};

// The place of the age band in kAgeBands.
size_t AgeBandIndex(core::OptionalDate birth, core::OptionalDate test);
inline std::string_view AgeBand(core::OptionalDate birth, core::OptionalDate test) {
    return kAgeBands[AgeBandIndex(birth, test)];
}

}  // namespace did::service
