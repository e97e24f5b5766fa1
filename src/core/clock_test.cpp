#include "core/clock.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

namespace did::core {
namespace {

TEST(ClockTest, LocalDayOfATimestampFollowsTheLocalZone) {
    // England's rule, spelt out so that the test needs no time zone database.
    const char* was = std::getenv("TZ");
    const std::string saved = was == nullptr ? "" : was;
    ::setenv("TZ", "GMT0BST,M3.5.0/1,M10.5.0", 1);
    ::tzset();
    EXPECT_EQ(LocalDayOf("2026-06-01T23:30:00Z"), "2026-06-02");  // half past midnight, summer time
    EXPECT_EQ(LocalDayOf("2026-12-01T23:30:00Z"), "2026-12-01");  // winter: local is UTC
    EXPECT_EQ(LocalDayOf("2026-12-01"), "");
    EXPECT_EQ(LocalDayOf("yesterday"), "");
    EXPECT_EQ(LocalDayOf(UtcTimestamp()).size(), 10u);
    if (was == nullptr) {
        ::unsetenv("TZ");
    } else {
        ::setenv("TZ", saved.c_str(), 1);
    }
    ::tzset();
}

TEST(ClockTest, UtcTimestampOfUnixSeconds) {
    EXPECT_EQ(UtcTimestampOf(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(UtcTimestampOf(1111111109), "2005-03-18T01:58:29Z");
}

}  // namespace
}  // namespace did::core
