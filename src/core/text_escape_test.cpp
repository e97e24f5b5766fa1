#include "core/text_escape.hpp"

#include <gtest/gtest.h>

namespace did::core {
namespace {

std::string Csv(std::string_view s) {
    std::string out;
    AppendCsvField(out, s);
    return out;
}

std::string Json(std::string_view s) {
    std::string out;
    AppendJsonString(out, s);
    return out;
}

TEST(TextEscapeTest, CsvQuotesOnlyWhenNeeded) {
    EXPECT_EQ(Csv("RH802"), "RH802");
    EXPECT_EQ(Csv(""), "");
    EXPECT_EQ(Csv("a,b"), "\"a,b\"");
    EXPECT_EQ(Csv("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(Csv("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(Csv(" padded"), "\" padded\"");
    EXPECT_EQ(Csv("inner space"), "inner space");
    EXPECT_EQ(Csv("\""), "\"\"\"\"");
    EXPECT_EQ(Csv("\"\"x,\""), "\"\"\"\"\"x,\"\"\"");
    EXPECT_EQ(Csv("cr\r"), "\"cr\r\"");
}

TEST(TextEscapeTest, JsonEscapes) {
    EXPECT_EQ(Json("plain"), "\"plain\"");
    EXPECT_EQ(Json("q\"b\\"), "\"q\\\"b\\\\\"");
    EXPECT_EQ(Json("a\tb\nc\x01"), "\"a\\tb\\nc\\u0001\"");
    EXPECT_EQ(Json("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
    EXPECT_EQ(Json(""), "\"\"");
    EXPECT_EQ(Json("\"start and end\""), "\"\\\"start and end\\\"\"");
    EXPECT_EQ(Json("del\x7F\r"), "\"del\\u007f\\r\"");
    EXPECT_EQ(Json("\n\n"), "\"\\n\\n\"");
}

}  // namespace
}  // namespace did::core
