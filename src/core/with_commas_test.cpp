#include "core/with_commas.hpp"

#include <gtest/gtest.h>

namespace did::core {
namespace {

TEST(WithCommasTest, ThousandsSeparators) {
    EXPECT_EQ(WithCommas(0), "0");
    EXPECT_EQ(WithCommas(999), "999");
    EXPECT_EQ(WithCommas(1000), "1,000");
    EXPECT_EQ(WithCommas(1234567), "1,234,567");
    EXPECT_EQ(WithCommas(18446744073709551615u), "18,446,744,073,709,551,615");
}

}  // namespace
}  // namespace did::core
