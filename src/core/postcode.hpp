// UK postcode shape: outward code (A9, A99, AA9, AA99, A9A, AA9A), optional spaces, inward
// code (9AA), upper case as sent, at most 8 characters. Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace did::core {

bool IsPostcodeFormat(std::string_view text);

// One space between outward and inward code ("LS14AP" and "LS1  4AP" become "LS1 4AP"):
// the form the ONS Postcode Directory's `pcds` column uses. Only for text that IsPostcodeFormat.
std::string NormalisePostcode(std::string_view text);

// The outward code ("LS1") and the area, its leading letters ("LS"): the geography of last
// resort when no postcode directory is loaded. Only for text that IsPostcodeFormat.
std::string_view PostcodeDistrict(std::string_view text);
std::string_view PostcodeArea(std::string_view text);

}  // namespace did::core
