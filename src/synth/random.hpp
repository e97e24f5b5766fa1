// Random: a small, fast, seedable generator (xoshiro256**, seeded by splitmix64) with the
// draws the synthetic extract needs. Same seed, same sequence, on every machine.
// Not thread-safe: one per generator.
#pragma once

#include <cstdint>
#include <span>

namespace did::synth {

class Random {
  public:
    explicit Random(uint64_t seed);

    uint64_t Next();
    // Uniform in [0, bound).
    uint64_t Below(uint64_t bound);
    int Between(int low, int high) {
        return low + static_cast<int>(Below(static_cast<uint64_t>(static_cast<int64_t>(high) - low + 1)));
    }
    double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
    bool Chance(double p) { return Unit() < p; }
    // Index drawn with the given (not necessarily normalised) weights.
    size_t Pick(std::span<const double> weights);
    // Exponentially distributed whole days with the given median.
    int DaysWithMedian(double median);

  private:
    uint64_t s_[4];
};

}  // namespace did::synth
