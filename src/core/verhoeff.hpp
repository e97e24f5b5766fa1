// Verhoeff's dihedral check digit, as used by every SNOMED CT identifier. Pure functions.
#pragma once

#include <string_view>

namespace did::core {

// True when `digits` (ASCII digits only, at least two) ends in its correct Verhoeff check digit.
bool VerhoeffValid(std::string_view digits);

// The check digit to append to `digits` (ASCII digits only).
int VerhoeffCheckDigit(std::string_view digits);

}  // namespace did::core
