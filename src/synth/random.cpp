#include "synth/random.hpp"

#include <cmath>

namespace did::synth {
namespace {

inline uint64_t Rotl(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

uint64_t SplitMix(uint64_t& state) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace

Random::Random(uint64_t seed) {
    for (uint64_t& s : s_) s = SplitMix(seed);
}

uint64_t Random::Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
}

uint64_t Random::Below(uint64_t bound) {
    // Lemire's multiply-shift: unbiased enough for test data, and no division.
    __extension__ typedef unsigned __int128 Uint128;
    return static_cast<uint64_t>((static_cast<Uint128>(Next()) * bound) >> 64);
}

size_t Random::Pick(std::span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Unit() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
        if (x < weights[i]) return i;
        x -= weights[i];
    }
    return weights.size() - 1;
}

int Random::DaysWithMedian(double median) {
    if (median <= 0) return Chance(0.8) ? 0 : Between(1, 3);
    // Exponential with the given median: -ln(U) * median / ln 2.
    const double u = 1.0 - Unit();
    return static_cast<int>(-std::log(u) * median / std::log(2.0));
}

}  // namespace did::synth
