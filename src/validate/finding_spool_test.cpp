#include "validate/finding_spool.hpp"

#include <gtest/gtest.h>

#include <future>
#include <string>
#include <vector>

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

// The JSON report and the findings file are written side by side from one report: two
// readers at once must each see every finding, in order, however much was spilled.
TEST(FindingSpoolTest, SeveralThreadsCanReadItAtOnce) {
    FindingSpool spool(1000);
    const uint64_t total = 25'000;
    for (uint64_t i = 1; i <= total; ++i) {
        ASSERT_TRUE(spool.Append(Finding{i, RuleId::kDids001, Severity::kReject, std::string(i % 300, 'v'),
                                         "message " + std::to_string(i)}));
    }
    auto read_all = [&spool]() {
        uint64_t expected = 1;
        bool in_order = true;
        const bool read = spool
                              .ForEach([&](const Finding& f) {
                                  in_order = in_order && f.line == expected && f.value.size() == f.line % 300 &&
                                             f.message == "message " + std::to_string(f.line);
                                  ++expected;
                                  return true;
                              })
                              .has_value();
        return read && in_order ? expected - 1 : 0;
    };
    std::vector<std::future<uint64_t>> readers;
    for (int t = 0; t < 4; ++t) readers.push_back(std::async(std::launch::async, read_all));
    for (auto& reader : readers) EXPECT_EQ(reader.get(), total);
}

}  // namespace
}  // namespace did::validate
