// "Did you mean …?": the known name nearest to a mistyped one, by edit distance (insertions,
// deletions, substitutions and swaps of neighbours), when it is near enough to be the likely
// intent. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace did::core {

size_t EditDistance(std::string_view a, std::string_view b);

// The nearest of `known` to `typed`, if within a third of its length (at least 2 edits); on a
// tie, the first in `known`.
std::optional<std::string> Nearest(std::string_view typed, const std::vector<std::string>& known);

}  // namespace did::core
