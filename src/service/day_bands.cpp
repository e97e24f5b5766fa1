#include "service/day_bands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace did::service {
namespace {

// The place of `day` among the bucket starts; kStarts.size() for none.
size_t StartPlace(int day) {
    return static_cast<size_t>(std::find(DayBands::kStarts.begin(), DayBands::kStarts.end(), day) -
                               DayBands::kStarts.begin());
}

}  // namespace

void DayBands::Add(const DayBands& other) {
    for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
}

int64_t DayBands::Within(int low, int high) const {
    const size_t from = StartPlace(low);
    const size_t to = high < 0 ? kStarts.size() : StartPlace(high + 1);
    if (from == kStarts.size() || (high >= 0 && to == kStarts.size()) || to <= from) {
        throw std::logic_error(fmt::format("{} to {} days is not a run of DayBands' buckets", low, high));
    }
    int64_t n = 0;
    for (size_t b = from; b < to; ++b) n += counts_[b + 1];
    return n;
}

int64_t DayBands::Known() const {
    int64_t n = 0;
    for (size_t b = 1; b < counts_.size(); ++b) n += counts_[b];
    return n;
}

}  // namespace did::service
