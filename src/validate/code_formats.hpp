// Shape checks for the coded fields: what a value must look like, before (or without)
// any reference data. Pure functions on the value as sent (case-sensitive).
#pragma once

#include <string_view>

namespace did::validate {

bool IsNhsNumberStatus(std::string_view value);  // 01–08
bool IsEthnicCategory(std::string_view value);   // 99, or A–H, J–N, P, R, S, Z + optional letter/digit
bool IsGenderCode(std::string_view value);       // 0, 1, 2, 9
bool IsSourceSetting(std::string_view value);    // 01–07
// C + 7 digits, G + 7 digits, D + 6 digits, NMC PIN (12A3456B), HCPC (PH123456), R9999981, 99.
bool IsReferrerCode(std::string_view value);
bool IsGpPracticeCode(std::string_view value);  // a letter and 5 digits
bool IsSiteCode(std::string_view value);        // 5 upper-case letters or digits

}  // namespace did::validate
