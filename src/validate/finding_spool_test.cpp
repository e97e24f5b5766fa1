#include "validate/finding_spool.hpp"

#include <gtest/gtest.h>

namespace did::validate {
namespace {

TEST(FindingSpoolTest, KeepsOrderAcrossTheSpill) {
    FindingSpool spool(3);  // spills every third finding
    for (uint64_t i = 1; i <= 10; ++i) {
        ASSERT_TRUE(spool.Append(Finding{i, RuleId::kDids001, Severity::kReject, "v" + std::to_string(i), "m"}));
    }
    EXPECT_EQ(spool.size(), 10u);
    std::vector<uint64_t> lines;
    ASSERT_TRUE(spool.ForEach([&](const Finding& f) {
        lines.push_back(f.line);
        EXPECT_EQ(f.value, "v" + std::to_string(f.line));
        return true;
    }));
    EXPECT_EQ(lines, (std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    // Readable twice, and appendable after reading.
    ASSERT_TRUE(spool.Append(Finding{11, RuleId::kDids002, Severity::kReject, "", ""}));
    size_t count = 0;
    ASSERT_TRUE(spool.ForEach([&](const Finding&) { return ++count < 100; }));
    EXPECT_EQ(count, 11u);
}

TEST(FindingSpoolTest, StopsEarly) {
    FindingSpool spool(2);
    for (uint64_t i = 1; i <= 5; ++i)
        ASSERT_TRUE(spool.Append(Finding{i, RuleId::kDids001, Severity::kReject, "", ""}));
    size_t seen = 0;
    ASSERT_TRUE(spool.ForEach([&](const Finding&) { return ++seen < 2; }));
    EXPECT_EQ(seen, 2u);
}

}  // namespace
}  // namespace did::validate
