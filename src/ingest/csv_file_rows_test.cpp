#include "ingest/csv_file_rows.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace did::ingest {
namespace {

TEST(CsvFileRowsTest, StreamsEveryRowAcrossWindows) {
    std::string text = "\xEF\xBB\xBFpcds,doterm\n";
    for (int i = 0; i < 300000; ++i)
        text += "\"LS" + std::to_string(i % 30) + " 4AP\"," + (i % 7 ? "" : "200101") + "\n";
    MemorySource source(text);
    size_t rows = 0;
    uint64_t last_line = 0;
    auto status = ForEachCsvFileRow(
        source, 4,
        [&](uint64_t line, std::span<const std::string_view> fields, uint32_t columns) -> core::Result<bool> {
            EXPECT_EQ(columns, 2u);
            if (rows == 0) {
                EXPECT_EQ(fields[0], "pcds");
            } else if (rows == 1) {
                EXPECT_EQ(fields[0], "LS0 4AP");
            }
            ++rows;
            last_line = line;
            return true;
        });
    ASSERT_TRUE(status) << status.error().message;
    EXPECT_EQ(rows, 300001u);
    EXPECT_EQ(last_line, 300001u);
}

TEST(CsvFileRowsTest, StopsWhenAsked) {
    MemorySource source("a\nb\nc\n");
    std::vector<std::string> seen;
    ASSERT_TRUE(ForEachCsvFileRow(source, 1,
                                  [&](uint64_t, std::span<const std::string_view> f, uint32_t) -> core::Result<bool> {
                                      seen.emplace_back(f[0]);
                                      return seen.size() < 2;
                                  }));
    EXPECT_EQ(seen, (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace did::ingest
