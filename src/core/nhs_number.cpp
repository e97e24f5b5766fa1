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
    unsigned digits[10];
    unsigned any_bad = 0;
    int sum = 0;
    for (size_t i = 0; i < 10; ++i) {
        digits[i] = static_cast<unsigned>(static_cast<unsigned char>(text[i])) - '0';
        any_bad |= digits[i] > 9 ? 1u : 0u;
    }
    if (any_bad != 0) return NhsNumberCheck::kNotTenDigits;
    for (size_t i = 0; i < 9; ++i) sum += static_cast<int>(digits[i]) * static_cast<int>(10 - i);
    int check = 11 - sum % 11;
    if (check == 10) return NhsNumberCheck::kCheckDigitTen;
    if (check == 11) check = 0;
    if (check != static_cast<int>(digits[9])) return NhsNumberCheck::kWrongCheckDigit;
    bool palindrome = true;
    for (size_t i = 0; i < 5; ++i) palindrome = palindrome && digits[i] == digits[9 - i];
    return palindrome ? NhsNumberCheck::kPalindrome : NhsNumberCheck::kValid;
}

}  // namespace did::core
