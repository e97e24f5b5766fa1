#include "core/suggest.hpp"

#include <gtest/gtest.h>

namespace did::core {
namespace {

TEST(SuggestTest, EditDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps) {
    EXPECT_EQ(EditDistance("validate", "validate"), 0u);
    EXPECT_EQ(EditDistance("valdate", "validate"), 1u);    // deletion
    EXPECT_EQ(EditDistance("vallidate", "validate"), 1u);  // insertion
    EXPECT_EQ(EditDistance("validete", "validate"), 1u);   // substitution
    EXPECT_EQ(EditDistance("vaildate", "validate"), 1u);   // swap
    EXPECT_EQ(EditDistance("", "abc"), 3u);
}

TEST(SuggestTest, NearestOnlyWhenNearEnough) {
    const std::vector<std::string> commands{"validate", "generate", "submit", "status", "submissions"};
    EXPECT_EQ(Nearest("valdate", commands), "validate");
    EXPECT_EQ(Nearest("stauts", commands), "status");
    EXPECT_EQ(Nearest("submision", commands), "submissions");
    EXPECT_EQ(Nearest("frobnicate", commands), std::nullopt);
    EXPECT_EQ(Nearest("--perod", {"--period", "--provider", "--format"}), "--period");
}

}  // namespace
}  // namespace did::core
