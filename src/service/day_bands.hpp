// DayBands: examinations counted in the bands of whole days every published table uses. Each
// band of a table (0-7, 8-14, 15-31, 32-42, 43-62, 63-93, 94-186, 187-365, 366+, each day to a
// week, 29+) is a run of these buckets, so one set of counts serves them all, and the cube by
// commissioner keeps a file's waits as bucket counts rather than days. Plain values.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace did::service {

// The first day of each bucket.
inline constexpr std::array<int, 17> kDayBandStarts = {0, 1, 2, 3, 4, 5, 6, 7, 8, 15, 29, 32, 43, 63, 94, 187, 366};

// Each day's bucket (its start's place + 1) up to the last start; every later day is in the last.
inline constexpr std::array<uint8_t, kDayBandStarts.back() + 1> kBucketOfDay = [] {
    std::array<uint8_t, kDayBandStarts.back() + 1> bucket{};
    size_t b = 0;
    for (size_t day = 0; day < bucket.size(); ++day) {
        while (b + 1 < kDayBandStarts.size() && static_cast<int>(day) >= kDayBandStarts[b + 1]) ++b;
        bucket[day] = static_cast<uint8_t>(b + 1);
    }
    return bucket;
}();

class DayBands {
  public:
    static constexpr std::array<int, 17> kStarts = kDayBandStarts;
    static constexpr size_t kBuckets = kStarts.size() + 1;  // bucket 0: not known; b + 1: from kStarts[b]

    // The bucket of a wait (-1: not known). Inline: the tables call it for every cell they read.
    static size_t BucketOf(int days) {
        if (days < 0) return 0;
        return kBucketOfDay[static_cast<size_t>(std::min(days, static_cast<int>(kBucketOfDay.size()) - 1))];
    }

    void Add(int days, int64_t examinations) { counts_[BucketOf(days)] += examinations; }
    void AddToBucket(size_t bucket, int64_t examinations) { counts_[bucket] += examinations; }
    void Add(const DayBands& other);
    // Examinations with a known wait in [low, high] (high -1: no upper end). Both ends must
    // start and end buckets: a band that does not is a programming error, and throws.
    int64_t Within(int low, int high) const;
    int64_t Known() const;
    int64_t NotKnown() const { return counts_[0]; }
    int64_t Total() const { return Known() + NotKnown(); }

  private:
    std::array<int64_t, kBuckets> counts_{};
};

}  // namespace did::service
