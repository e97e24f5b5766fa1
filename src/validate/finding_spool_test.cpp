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

// A record's findings share its place; spilled, it is written once and comes back shared.
TEST(FindingSpoolTest, PlacesComeBackFromTheSpillSharedByTheirRecord) {
    FindingSpool spool(4);
    auto place = [](std::string site, std::string accession) {
        return std::make_shared<const FindingPlace>(site, accession);
    };
    const auto a = place("RH802", "ACC1");
    const auto b = place("RH802", "A,\"2\"");
    const auto same_as_b = place("RH802", "A,\"2\"");  // made apart (DIDS071), equal in value
    const std::vector<Finding> written = {
        Finding{1, RuleId::kDids075, Severity::kFile, "", "file"},  // no place
        Finding{2, RuleId::kDids001, Severity::kReject, "v", "m", a},
        Finding{2, RuleId::kDids014, Severity::kReject, "v", "m", a},
        Finding{3, RuleId::kDids014, Severity::kReject, "v", "m", b},  // the first spill ends here
        Finding{3, RuleId::kDids071, Severity::kReject, "v", "m", same_as_b},
        Finding{4, RuleId::kDids014, Severity::kReject, "v", "m", place("", "")},
        Finding{5, RuleId::kDids075, Severity::kFile, "", "file"},
        Finding{6, RuleId::kDids014, Severity::kReject, "v", "m", a},  // the second spill ends here
        Finding{7, RuleId::kDids014, Severity::kReject, "v", "m", b},  // in memory
    };
    for (const Finding& f : written) ASSERT_TRUE(spool.Append(f));
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<std::pair<std::string, std::string>> places;
        std::vector<const FindingPlace*> pointers;
        std::vector<bool> present;
        ASSERT_TRUE(spool.ForEach([&](const Finding& f) {
            places.emplace_back(f.site_code(), f.accession_number());
            pointers.push_back(f.place.get());
            present.push_back(f.place != nullptr);
            return true;
        }));
        EXPECT_EQ(places, (std::vector<std::pair<std::string, std::string>>{{"", ""},
                                                                            {"RH802", "ACC1"},
                                                                            {"RH802", "ACC1"},
                                                                            {"RH802", "A,\"2\""},
                                                                            {"RH802", "A,\"2\""},
                                                                            {"", ""},
                                                                            {"", ""},
                                                                            {"RH802", "ACC1"},
                                                                            {"RH802", "A,\"2\""}}));
        EXPECT_EQ(present, (std::vector<bool>{false, true, true, true, true, true, false, true, true}));
        EXPECT_EQ(pointers[1], pointers[2]);
        EXPECT_EQ(pointers[3], pointers[4]);
    }
}

// A site or accession number longer than a real one is kept whole, in memory and spilled.
TEST(FindingSpoolTest, ALongPlaceIsKeptWhole) {
    const std::string site(70, 's');
    const std::string accession = std::string(100'000, 'a') + "z";
    FindingSpool spool(2);
    for (uint64_t line = 1; line <= 3; ++line) {
        ASSERT_TRUE(spool.Append(Finding{line, RuleId::kDids072, Severity::kReject, "v", "m",
                                         std::make_shared<const FindingPlace>(site, accession)}));
    }
    int seen = 0;
    ASSERT_TRUE(spool.ForEach([&](const Finding& f) {
        ++seen;
        EXPECT_EQ(f.site_code(), site);
        EXPECT_EQ(f.accession_number(), accession);
        return true;
    }));
    EXPECT_EQ(seen, 3);
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
