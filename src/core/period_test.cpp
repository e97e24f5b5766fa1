#include "core/period.hpp"

#include <gtest/gtest.h>

namespace did::core {
namespace {

TEST(PeriodTest, ParsesAndFormats) {
    const auto period = Period::Parse("2026-10");
    ASSERT_TRUE(period);
    EXPECT_EQ(period->ToString(), "2026-10");
    EXPECT_EQ(period->FirstDay().ToString(), "2026-10-01");
    EXPECT_EQ(period->LastDay().ToString(), "2026-10-31");
    EXPECT_EQ(Period::Parse("2024-02")->LastDay().ToString(), "2024-02-29");
}

TEST(PeriodTest, RejectsMalformed) {
    for (std::string_view bad : {"2026-13", "2026-1", "202610", "2026-10-01", "", "abcd-ef", "0000-01"}) {
        EXPECT_FALSE(Period::Parse(bad)) << bad;
    }
}

TEST(PeriodTest, ContainsAndSteps) {
    const auto period = *Period::Parse("2026-12");
    EXPECT_TRUE(period.Contains(*Date::Parse("2026-12-31")));
    EXPECT_FALSE(period.Contains(*Date::Parse("2027-01-01")));
    EXPECT_EQ(period.Next().ToString(), "2027-01");
    EXPECT_EQ(Period::Parse("2027-01")->Previous().ToString(), "2026-12");
    EXPECT_EQ(Period::Of(*Date::Parse("2026-03-09")).ToString(), "2026-03");
}

}  // namespace
}  // namespace did::core
