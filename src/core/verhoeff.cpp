#include "core/verhoeff.hpp"

#include <array>

namespace did::core {
namespace {

using Table = std::array<std::array<int, 10>, 10>;

// Multiplication in the dihedral group D5.
constexpr Table kMultiply = {{
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
    {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
    {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
    {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
    {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
    {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
}};

constexpr std::array<int, 10> kInverse = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

// Row i of the position permutation is the first row's permutation applied i times;
// deriving the rows rather than typing them rules out a mistyped table.
constexpr std::array<std::array<int, 10>, 8> MakePermutations() {
    constexpr std::array<int, 10> kFirst = {1, 5, 7, 6, 2, 8, 3, 0, 9, 4};
    std::array<std::array<int, 10>, 8> p{};
    for (int j = 0; j < 10; ++j) p[0][static_cast<size_t>(j)] = j;
    for (size_t i = 1; i < 8; ++i) {
        for (size_t j = 0; j < 10; ++j) p[i][j] = kFirst[static_cast<size_t>(p[i - 1][j])];
    }
    return p;
}
constexpr auto kPermute = MakePermutations();

int Run(std::string_view digits, size_t offset) {
    int c = 0;
    size_t position = offset;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++position) {
        c = kMultiply[static_cast<size_t>(c)]
                     [static_cast<size_t>(kPermute[position % 8][static_cast<size_t>(*it - '0')])];
    }
    return c;
}

}  // namespace

bool VerhoeffValid(std::string_view digits) {
    return digits.size() >= 2 && Run(digits, 0) == 0;
}

int VerhoeffCheckDigit(std::string_view digits) {
    return kInverse[static_cast<size_t>(Run(digits, 1))];
}

}  // namespace did::core
