#include "synth/random.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace did::synth {
namespace {

TEST(RandomTest, DeterministicAndInRange) {
    Random a(7);
    Random b(7);
    for (int i = 0; i < 1000; ++i) {
        const uint64_t x = a.Below(10);
        EXPECT_EQ(x, b.Below(10));
        EXPECT_LT(x, 10u);
    }
}

TEST(RandomTest, PickFollowsWeights) {
    Random random(1);
    std::vector<int> counts(3);
    const double weights[] = {1, 2, 7};
    for (int i = 0; i < 100000; ++i) ++counts[random.Pick(weights)];
    EXPECT_NEAR(counts[2] / 100000.0, 0.7, 0.01);
    EXPECT_NEAR(counts[0] / 100000.0, 0.1, 0.01);
}

TEST(RandomTest, WaitsHaveTheRequestedMedian) {
    Random random(3);
    std::vector<int> days;
    for (int i = 0; i < 20001; ++i) days.push_back(random.DaysWithMedian(21));
    std::nth_element(days.begin(), days.begin() + 10000, days.end());
    EXPECT_NEAR(days[10000], 21, 2);
}

}  // namespace
}  // namespace did::synth
