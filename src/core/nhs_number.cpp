#include "core/nhs_number.hpp"

#include <cstdint>
#include <cstring>

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
    // The first eight digits as one word (this runs once per record): byte i holds digit i.
    uint64_t w;
    std::memcpy(&w, text.data(), 8);
    const auto d8 = static_cast<unsigned>(static_cast<unsigned char>(text[8])) - '0';
    const auto d9 = static_cast<unsigned>(static_cast<unsigned char>(text[9])) - '0';
    // Digits are 0x30-0x39: high nibble 3, and a low nibble that does not carry when 6 is added.
    const bool digits = (w & 0xF0F0F0F0F0F0F0F0ULL) == 0x3030303030303030ULL &&
                        (((w & 0x0F0F0F0F0F0F0F0FULL) + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) == 0;
    if (!digits || d8 > 9 || d9 > 9) return NhsNumberCheck::kNotTenDigits;
    // Weighted sum (weights 10..3 for digits 0..7): even and odd digits in 16-bit lanes, each
    // multiplied so that the top lane collects the dot product with the weights.
    const uint64_t v = w & 0x0F0F0F0F0F0F0F0FULL;
    const uint64_t even = v & 0x00FF00FF00FF00FFULL;        // digits 0, 2, 4, 6
    const uint64_t odd = (v >> 8) & 0x00FF00FF00FF00FFULL;  // digits 1, 3, 5, 7
    constexpr uint64_t kEvenWeights = 4 | 6ULL << 16 | 8ULL << 32 | 10ULL << 48;
    constexpr uint64_t kOddWeights = 3 | 5ULL << 16 | 7ULL << 32 | 9ULL << 48;
    const auto sum =
        static_cast<int>(((even * kEvenWeights) >> 48) + ((odd * kOddWeights) >> 48) + static_cast<uint64_t>(d8) * 2);
    int check = 11 - sum % 11;
    if (check == 10) return NhsNumberCheck::kCheckDigitTen;
    if (check == 11) check = 0;
    if (check != static_cast<int>(d9)) return NhsNumberCheck::kWrongCheckDigit;
    const std::string_view t = text;
    const bool palindrome = t[0] == t[9] && t[1] == t[8] && t[2] == t[7] && t[3] == t[6] && t[4] == t[5];
    return palindrome ? NhsNumberCheck::kPalindrome : NhsNumberCheck::kValid;
}

}  // namespace did::core
