#include "report/validation_text.hpp"

#include <gtest/gtest.h>

namespace did::report {
namespace {

TEST(ValidationTextTest, ThousandsSeparators) {
    EXPECT_EQ(WithCommas(0), "0");
    EXPECT_EQ(WithCommas(999), "999");
    EXPECT_EQ(WithCommas(1000), "1,000");
    EXPECT_EQ(WithCommas(1234567), "1,234,567");
}

}  // namespace
}  // namespace did::report
