#include "core/date.hpp"
#include "core/optional_date.hpp"

#include <gtest/gtest.h>

namespace did::core {
namespace {

Date D(std::string_view text) {
    return *Date::Parse(text);
}

TEST(DateTest, ParsesCalendarDates) {
    const auto date = Date::Parse("2026-10-03");
    ASSERT_TRUE(date);
    EXPECT_EQ(date->Year(), 2026);
    EXPECT_EQ(date->Month(), 10);
    EXPECT_EQ(date->Day(), 3);
    EXPECT_EQ(date->ToString(), "2026-10-03");
}

TEST(DateTest, RejectsImpossibleDates) {
    for (std::string_view bad : {"2026-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "0000-01-01", "2025-1-01",
                                 "2025/01/01", "20250101", "", "2025-01-01 ", " 2025-01-01", "2025-01-0a", "2025-01"}) {
        EXPECT_FALSE(Date::Parse(bad)) << bad;
    }
}

TEST(DateTest, LeapDays) {
    EXPECT_TRUE(Date::Parse("2024-02-29"));
    EXPECT_TRUE(Date::Parse("2000-02-29"));
    EXPECT_FALSE(Date::Parse("1900-02-29"));
    EXPECT_FALSE(Date::Parse("2100-02-29"));
}

TEST(DateTest, AcceptsVersionTwoTimestampsAsWritten) {
    EXPECT_EQ(D("2026-10-03T23:30Z").ToString(), "2026-10-03");
    EXPECT_EQ(D("2026-10-03T23:30:59+01:00").ToString(), "2026-10-03");  // no conversion to UTC
    EXPECT_TRUE(Date::Parse("2026-10-03T00:00:00-00:00"));
    EXPECT_TRUE(Date::Parse("2026-10-03T00:00+00:00"));
    for (std::string_view bad : {"2026-10-03T24:00Z", "2026-10-03T12:60Z", "2026-10-03T12:00", "2026-10-03T12:00+02:00",
                                 "2026-10-03 12:00Z", "2026-10-03T12:00:61Z", "2026-10-03T1200Z", "2026-10-03TZ"}) {
        EXPECT_FALSE(Date::Parse(bad)) << bad;
    }
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
    EXPECT_EQ(D("2026-08-31").AddMonths(-6).ToString(), "2026-02-28");
    EXPECT_EQ(D("2024-08-31").AddMonths(-6).ToString(), "2024-02-29");
    EXPECT_EQ(D("2024-02-29").AddMonths(-12).ToString(), "2023-02-28");
    EXPECT_EQ(D("2026-01-31").AddMonths(1).ToString(), "2026-02-28");
    EXPECT_EQ(D("2026-11-01").AddMonths(-3).ToString(), "2026-08-01");
    EXPECT_EQ(D("2026-03-15").AddMonths(-15).ToString(), "2024-12-15");
    EXPECT_EQ(D("2026-12-15").AddMonths(1).ToString(), "2027-01-15");
}

TEST(DateTest, OrdersChronologically) {
    EXPECT_LT(D("2025-12-31"), D("2026-01-01"));
    EXPECT_LT(D("2026-01-31"), D("2026-02-01"));
    EXPECT_EQ(D("2026-01-31"), D("2026-01-31T10:00Z"));
}

TEST(DateTest, DaysSinceEpochRoundTrips) {
    EXPECT_EQ(D("1970-01-01").DaysSinceEpoch(), 0);
    EXPECT_EQ(D("2000-03-01").DaysSinceEpoch(), 11017);
    EXPECT_EQ(D("1969-12-31").DaysSinceEpoch(), -1);
    for (int days = -719162; days < 2932896; days += 997) {
        EXPECT_EQ(Date::FromDaysSinceEpoch(days).DaysSinceEpoch(), days);
    }
    EXPECT_EQ(D("2024-02-28").AddDays(1).ToString(), "2024-02-29");
    EXPECT_EQ(D("2026-12-31").AddDays(1).ToString(), "2027-01-01");
}

TEST(DateTest, FirstOfMonth) {
    EXPECT_EQ(D("2026-11-28").FirstOfMonth().ToString(), "2026-11-01");
}

// The packed form the record checks use agrees with Parse, and 0 (none) is never a date.
TEST(DateTest, ParsePackedAgreesWithParse) {
    for (std::string_view text : {"2026-10-03", "0001-01-01", "9999-12-31", "2024-02-29", "2026-10-03T23:30Z",
                                  "2026-02-29", "2026-10-03T24:00Z", "", "garbage"}) {
        const auto parsed = Date::Parse(text);
        const uint32_t packed = Date::ParsePacked(text);
        EXPECT_EQ(packed != 0, parsed.has_value()) << text;
        if (parsed) {
            EXPECT_EQ(packed, parsed->Packed()) << text;
        }
    }
}

TEST(OptionalDateTest, BehavesAsAnOptional) {
    OptionalDate none;
    EXPECT_FALSE(none);
    EXPECT_EQ(none.value_or(D("2026-01-02")), D("2026-01-02"));
    const OptionalDate some = OptionalDate::FromPacked(Date::ParsePacked("2026-10-03"));
    ASSERT_TRUE(some);
    EXPECT_EQ(*some, D("2026-10-03"));
    EXPECT_EQ(some->Month(), 10);
    EXPECT_EQ(some.value_or(D("2026-01-02")), D("2026-10-03"));
    EXPECT_FALSE(OptionalDate::FromPacked(Date::ParsePacked("2026-13-03")));
    OptionalDate reset = some;
    reset.reset();
    EXPECT_FALSE(reset.has_value());
    EXPECT_FALSE(OptionalDate(std::nullopt));
}

}  // namespace
}  // namespace did::core
