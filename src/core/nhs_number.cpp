#include "core/nhs_number.hpp"

namespace did::core {

std::optional<int> NhsNumberCheckDigit(std::string_view nine) {
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (nine[static_cast<size_t>(i)] - '0') * (10 - i);
    const int check = 11 - sum % 11;
    if (check == 10) return std::nullopt;
    return check == 11 ? 0 : check;
}

NhsNumberCheck CheckNhsNumber(std::string_view text) {
    if (text.size() != 10) return NhsNumberCheck::kNotTenDigits;
    for (char c : text) {
        if (c < '0' || c > '9') return NhsNumberCheck::kNotTenDigits;
    }
    const auto check = NhsNumberCheckDigit(text.substr(0, 9));
    if (!check) return NhsNumberCheck::kCheckDigitTen;
    if (*check != text[9] - '0') return NhsNumberCheck::kWrongCheckDigit;
    bool palindrome = true;
    for (size_t i = 0; i < 5; ++i) palindrome = palindrome && text[i] == text[9 - i];
    return palindrome ? NhsNumberCheck::kPalindrome : NhsNumberCheck::kValid;
}

}  // namespace did::core
