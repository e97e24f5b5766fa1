// DayBands: examinations counted in the bands of whole days every published table uses. Each
// band of a table (0-7, 8-14, 15-31, 32-42, 43-62, 63-93, 94-186, 187-365, 366+, each day to a
// week, 29+) is a run of these buckets, so one set of counts serves them all, and the cube by
// commissioner keeps a file's waits as bucket counts rather than days. Plain values.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace did::service {

class DayBands {
  public:
    // The first day of each bucket.
    static constexpr std::array<int, 17> kStarts = {0, 1, 2, 3, 4, 5, 6, 7, 8, 15, 29, 32, 43, 63, 94, 187, 366};
    static constexpr size_t kBuckets = kStarts.size() + 1;  // bucket 0: not known; b + 1: from kStarts[b]

    // The bucket of a wait (-1: not known).
    static size_t BucketOf(int days);

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
