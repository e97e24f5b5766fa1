#include "core/csv_tokenizer.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace did::core {
namespace {

struct Parsed {
    CsvStatus status;
    CsvRecord record;
    std::vector<std::string> fields;
};

Parsed Parse(std::string_view text, size_t pos = 0, bool at_eof = true, size_t capacity = 8) {
    CsvTokenizer tokenizer;
    std::vector<std::string_view> fields(capacity);
    Parsed out;
    out.status = tokenizer.Next(text, pos, at_eof, fields, out.record);
    if (out.status == CsvStatus::kRecord) {
        const size_t kept = std::min<size_t>(out.record.columns, capacity);
        for (size_t i = 0; i < kept; ++i) out.fields.emplace_back(fields[i]);
    }
    return out;
}

using Fields = std::vector<std::string>;

TEST(CsvTokenizerTest, SplitsAndTrimsSpaces) {
    const auto p = Parse(" a , b,c \nnext");
    ASSERT_EQ(p.status, CsvStatus::kRecord);
    EXPECT_EQ(p.fields, (Fields{"a", "b", "c"}));
    EXPECT_EQ(p.record.columns, 3u);
    EXPECT_EQ(p.record.next, 10u);
    EXPECT_EQ(p.record.line_breaks, 1u);
}

TEST(CsvTokenizerTest, TabsAreNotTrimmed) {
    EXPECT_EQ(Parse("\ta\t,b").fields, (Fields{"\ta\t", "b"}));
}

TEST(CsvTokenizerTest, CrlfEndsALineButALoneCrIsData) {
    EXPECT_EQ(Parse("a,b\r\nc").fields, (Fields{"a", "b"}));
    EXPECT_EQ(Parse("a,b\rc\n").fields, (Fields{"a", "b\rc"}));
    EXPECT_EQ(Parse("a,b\r").fields, (Fields{"a", "b\r"}));  // at the end of the file, no LF follows
}

TEST(CsvTokenizerTest, QuotedCommasQuotesAndLineBreaks) {
    const auto p = Parse("\"a,1\",\"say \"\"hi\"\"\",\"two\nlines\",\"x\r\ny\"\nrest");
    ASSERT_EQ(p.status, CsvStatus::kRecord);
    EXPECT_EQ(p.fields, (Fields{"a,1", "say \"hi\"", "two\nlines", "x\r\ny"}));
    EXPECT_EQ(p.record.line_breaks, 3u);
    EXPECT_TRUE(p.record.error.empty());
}

TEST(CsvTokenizerTest, SpacesAroundQuotedValuesAndInsideAreTrimmed) {
    EXPECT_EQ(Parse("  \" a b \"  ,c").fields, (Fields{"a b", "c"}));
    EXPECT_EQ(Parse("\"a\" \r\n").fields, (Fields{"a"}));
}

TEST(CsvTokenizerTest, QuoteInsideUnquotedFieldIsOrdinary) {
    const auto p = Parse("ab\"c,d\n");
    EXPECT_EQ(p.fields, (Fields{"ab\"c", "d"}));
    EXPECT_TRUE(p.record.error.empty());
}

TEST(CsvTokenizerTest, CharacterAfterClosingQuoteIsAnError) {
    const auto p = Parse("\"ab\"c,d,e\nnext");
    EXPECT_FALSE(p.record.error.empty());
    EXPECT_EQ(p.record.columns, 3u);
    EXPECT_EQ(p.record.next, 10u);
}

TEST(CsvTokenizerTest, UnclosedQuoteRunsToTheEnd) {
    const auto p = Parse("a,\"b\nc,d\n");
    EXPECT_FALSE(p.record.error.empty());
    EXPECT_EQ(p.record.next, 9u);
    EXPECT_EQ(p.record.line_breaks, 2u);
}

TEST(CsvTokenizerTest, AsksForMoreDataAtTheBufferEnd) {
    EXPECT_EQ(Parse("a,b", 0, false).status, CsvStatus::kNeedMoreData);
    EXPECT_EQ(Parse("a,\"b\nc", 0, false).status, CsvStatus::kNeedMoreData);
    EXPECT_EQ(Parse("a,\"b\"", 0, false).status, CsvStatus::kNeedMoreData);  // could be "b""…
    EXPECT_EQ(Parse("\"a\"\r", 0, false).status, CsvStatus::kNeedMoreData);
    EXPECT_EQ(Parse("a,b\n", 0, false).status, CsvStatus::kRecord);
}

TEST(CsvTokenizerTest, EmptyLinesAndLinesOfSpaces) {
    EXPECT_TRUE(Parse("\nx").record.empty_line);
    EXPECT_TRUE(Parse("\r\nx").record.empty_line);
    const auto spaces = Parse("   \nx");
    EXPECT_FALSE(spaces.record.empty_line);
    EXPECT_EQ(spaces.record.columns, 1u);
    EXPECT_EQ(spaces.fields, (Fields{""}));
}

TEST(CsvTokenizerTest, CountsColumnsBeyondCapacity) {
    const auto p = Parse("1,2,3,4,5\n", 0, true, 2);
    EXPECT_EQ(p.record.columns, 5u);
    EXPECT_EQ(p.fields, (Fields{"1", "2"}));
    const auto q = Parse("\"1\",2,3,\"4\",5\n", 0, true, 2);
    EXPECT_EQ(q.record.columns, 5u);
    EXPECT_EQ(q.fields, (Fields{"1", "2"}));
}

TEST(CsvTokenizerTest, StartsAtAnOffset) {
    const auto p = Parse("a,b\nc,d\n", 4);
    EXPECT_EQ(p.fields, (Fields{"c", "d"}));
    EXPECT_EQ(p.record.next, 8u);
}

TEST(CsvTokenizerTest, TrailingEmptyField) {
    EXPECT_EQ(Parse("a,\n").fields, (Fields{"a", ""}));
    EXPECT_EQ(Parse("a,\"\"\n").fields, (Fields{"a", ""}));
}

}  // namespace
}  // namespace did::core
