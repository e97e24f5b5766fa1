// The pieces the published tables count with: bands of whole days and medians.

#include "service/statistics_figures.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace did::service {
namespace {

TEST(DayHistogramTest, TheMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues) {
    auto median = [](std::initializer_list<std::pair<int, int64_t>> cells) {
        DayHistogram h;
        for (const auto& [days, n] : cells) h.Add(days, n);
        return h.Median();
    };
    EXPECT_EQ(median({{58, 1}, {59, 1}}), 58.5);
    EXPECT_EQ(median({{0, 3}, {10, 1}}), 0);
    EXPECT_EQ(median({{1, 1}, {2, 1}, {30, 1}}), 2);
    EXPECT_EQ(median({{4, 2}, {9, 2}}), 6.5);
    EXPECT_EQ(median({{9, 2}, {4, 2}}), 6.5);  // added in any order
    EXPECT_EQ(median({{-1, 5}, {3, 1}}), 3);   // not known is left out
    EXPECT_EQ(median({}), 0);
}

TEST(DayHistogramTest, HistogramsAddAndClear) {
    DayHistogram a;
    a.Add(2, 1);
    DayHistogram b;
    b.Add(400, 2);
    a.Add(b);
    EXPECT_EQ(a.Total(), 3);
    EXPECT_EQ(a.Median(), 400);
    a.Clear();
    EXPECT_EQ(a.Total(), 0);
    EXPECT_EQ(a.Median(), 0);
}

TEST(DayBandsTest, EveryBandOfThePublishedTablesIsCountedFromTheBuckets) {
    DayBands bands;
    // One examination on each day from 0 to 400, and two not known.
    for (int day = 0; day <= 400; ++day) bands.Add(day, 1);
    bands.Add(-1, 2);
    EXPECT_EQ(bands.Known(), 401);
    EXPECT_EQ(bands.NotKnown(), 2);
    EXPECT_EQ(bands.Total(), 403);
    struct Band {
        int low;
        int high;
    };
    // Tables 7a, 7b, 8, 9, 10 and 13.
    for (const Band b : {Band{0, 7}, Band{8, 14}, Band{15, 31}, Band{32, 42}, Band{43, 62}, Band{63, 93}, Band{94, 186},
                         Band{187, 365}, Band{366, -1}, Band{0, 0}, Band{1, 1}, Band{7, 7}, Band{63, -1}, Band{8, 31},
                         Band{32, 62}, Band{0, 1}, Band{29, -1}, Band{0, 14}}) {
        const int high = b.high < 0 ? 400 : b.high;
        EXPECT_EQ(bands.Within(b.low, b.high), high - b.low + 1) << b.low << "-" << b.high;
    }
}

TEST(DayBandsTest, ALongWaitIsInTheLastBandAndABandOffTheBucketsIsRefused) {
    DayBands bands;
    bands.Add(3660, 4);
    EXPECT_EQ(bands.Within(366, -1), 4);
    EXPECT_EQ(bands.Within(0, 365), 0);
    EXPECT_THROW((void)bands.Within(0, 9), std::logic_error);
    EXPECT_THROW((void)bands.Within(10, -1), std::logic_error);
}

TEST(StatisticsFiguresTest, QuartersAreFinancial) {
    EXPECT_EQ(QuarterOf(*core::Period::Parse("2025-04")), "2025-26 Q1");
    EXPECT_EQ(QuarterOf(*core::Period::Parse("2025-12")), "2025-26 Q3");
    EXPECT_EQ(QuarterOf(*core::Period::Parse("2026-03")), "2025-26 Q4");
    EXPECT_EQ(MonthsBetween(*core::Period::Parse("2025-10"), *core::Period::Parse("2026-10")), 13);
}

}  // namespace
}  // namespace did::service
