#include "core/suggest.hpp"

#include <algorithm>

namespace did::core {

size_t EditDistance(std::string_view a, std::string_view b) {
    // Optimal string alignment over three rows: the one before the previous is needed for swaps.
    std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::optional<std::string> Nearest(std::string_view typed, const std::vector<std::string>& known) {
    const size_t limit = std::max<size_t>(2, typed.size() / 3);
    std::optional<std::string> best;
    size_t best_distance = limit + 1;
    for (const auto& name : known) {
        const size_t distance = EditDistance(typed, name);
        if (distance < best_distance) {
            best = name;
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace did::core
