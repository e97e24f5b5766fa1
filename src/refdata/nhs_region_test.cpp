#include "refdata/nhs_region.hpp"

#include <gtest/gtest.h>

namespace did::refdata {
namespace {

TEST(NhsRegionTest, NamesTheSevenRegionsAndKeepsAnyOtherCode) {
    EXPECT_EQ(NhsRegions().size(), 7u);
    EXPECT_EQ(NhsRegionName("Y63"), "North East and Yorkshire");
    EXPECT_EQ(NhsRegionName("Y56"), "London");
    EXPECT_EQ(NhsRegionName("W00"), "W00");
    EXPECT_EQ(NhsRegionName(""), "");
    EXPECT_EQ(NhsRegionChoice("North East and Yorkshire"), "north-east-and-yorkshire");
}

}  // namespace
}  // namespace did::refdata
