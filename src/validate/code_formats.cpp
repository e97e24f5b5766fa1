#include "validate/code_formats.hpp"

namespace did::validate {
namespace {

inline bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}
inline bool IsUpper(char c) {
    return c >= 'A' && c <= 'Z';
}

bool AllDigits(std::string_view s) {
    for (char c : s) {
        if (!IsDigit(c)) return false;
    }
    return true;
}

bool TwoDigitsBetween(std::string_view v, char first, char last) {
    return v.size() == 2 && v[0] == '0' && v[1] >= first && v[1] <= last;
}

}  // namespace

bool IsNhsNumberStatus(std::string_view v) {
    return TwoDigitsBetween(v, '1', '8');
}
bool IsSourceSetting(std::string_view v) {
    return TwoDigitsBetween(v, '1', '7');
}

bool IsEthnicCategory(std::string_view v) {
    if (v == "99") return true;
    if (v.empty() || v.size() > 2) return false;
    const char c = v[0];
    const bool listed =
        (c >= 'A' && c <= 'H') || (c >= 'J' && c <= 'N') || c == 'P' || c == 'R' || c == 'S' || c == 'Z';
    if (!listed) return false;
    return v.size() == 1 || IsUpper(v[1]) || (v[1] >= 'a' && v[1] <= 'z') || IsDigit(v[1]);
}

bool IsGenderCode(std::string_view v) {
    return v.size() == 1 && (v[0] == '0' || v[0] == '1' || v[0] == '2' || v[0] == '9');
}

bool IsReferrerCode(std::string_view v) {
    if (v == "99" || v == "R9999981") return true;
    if (v.size() == 8 && (v[0] == 'C' || v[0] == 'G') && AllDigits(v.substr(1))) return true;  // GMC / GP
    if (v.size() == 7 && v[0] == 'D' && AllDigits(v.substr(1))) return true;                   // dentist
    // NMC PIN: two digits, a letter, four digits, a letter.
    if (v.size() == 8 && IsDigit(v[0]) && IsDigit(v[1]) && IsUpper(v[2]) && AllDigits(v.substr(3, 4)) &&
        IsUpper(v[7])) {
        return true;
    }
    // HCPC registration: two-letter profession prefix and six digits.
    return v.size() == 8 && IsUpper(v[0]) && IsUpper(v[1]) && AllDigits(v.substr(2));
}

bool IsGpPracticeCode(std::string_view v) {
    return v.size() == 6 && IsUpper(v[0]) && AllDigits(v.substr(1));
}

bool IsSiteCode(std::string_view v) {
    if (v.size() != 5) return false;
    for (char c : v) {
        if (!IsUpper(c) && !IsDigit(c)) return false;
    }
    return true;
}

}  // namespace did::validate
