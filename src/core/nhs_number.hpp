// NHS number checks: ten digits whose last is a Modulus 11 check digit. Pure functions.
#pragma once

#include <optional>
#include <string_view>

namespace did::core {

enum class NhsNumberCheck {
    kValid,
    kNotTenDigits,     // anything but exactly ten ASCII digits (DIDS002)
    kCheckDigitTen,    // the Modulus 11 check digit would be 10: never a valid number (DIDS001)
    kWrongCheckDigit,  // the tenth digit is not the check digit (DIDS001)
    kPalindrome,       // reads the same backwards, e.g. 1234554321 or 0000000000 (DIDS001)
};

NhsNumberCheck CheckNhsNumber(std::string_view text);

// The check digit for nine leading digits, or nullopt when it would be 10 (no valid number).
std::optional<int> NhsNumberCheckDigit(std::string_view nine_digits);

}  // namespace did::core
