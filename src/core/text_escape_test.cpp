#include "core/text_escape.hpp"

#include <gtest/gtest.h>

namespace did::core {
namespace {

std::string Csv(std::string_view s) {
    std::string out;
    AppendCsvField(out, s);
    return out;
}

std::string Cell(std::string_view s) {
    std::string out;
    AppendCsvReportCell(out, s);
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

TEST(TextEscapeTest, ReportCellsThatASpreadsheetWouldRunArePrefixedAndQuoted) {
    EXPECT_EQ(Cell("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    EXPECT_EQ(Cell("=1+1"), "\"'=1+1\"");
    EXPECT_EQ(Cell("+44 20"), "\"'+44 20\"");
    EXPECT_EQ(Cell("-2+3+cmd|' /C calc'!A0"), "\"'-2+3+cmd|' /C calc'!A0\"");
    EXPECT_EQ(Cell("@SUM(A1)"), "\"'@SUM(A1)\"");
    EXPECT_EQ(Cell("\t=1+1"), "\"'\t=1+1\"");
    EXPECT_EQ(Cell("\r=1+1"), "\"'\r=1+1\"");
    EXPECT_EQ(Cell("="), "\"'=\"");
    EXPECT_EQ(Cell("-"), "\"'-\"");
    EXPECT_EQ(Cell("-5e3"), "\"'-5e3\"");
    EXPECT_EQ(Cell("-.5"), "\"'-.5\"");
    EXPECT_EQ(Cell("-5."), "\"'-5.\"");
    EXPECT_EQ(Cell("-1,5"), "\"'-1,5\"");
}

TEST(TextEscapeTest, OtherReportCellsAreWrittenAsExactFields) {
    EXPECT_EQ(Cell(""), "");
    EXPECT_EQ(Cell("RH802"), "RH802");
    EXPECT_EQ(Cell("a,b"), "\"a,b\"");
    EXPECT_EQ(Cell(" =1+1"), "\" =1+1\"");  // only the first character counts, as OWASP has it
    EXPECT_EQ(Cell("1=1"), "1=1");
    EXPECT_EQ(Cell("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80");
    // Plain numbers: a spreadsheet reads them as numbers, never as formulas.
    EXPECT_EQ(Cell("-5"), "-5");
    EXPECT_EQ(Cell("+12"), "+12");
    EXPECT_EQ(Cell("-0.75"), "-0.75");
    EXPECT_EQ(Cell("42"), "42");
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

TEST(TextEscapeTest, JsonEscapesC1ControlsButNotTheLettersThatShareTheirFirstByte) {
    EXPECT_EQ(Json("\xC2\x9B"
                   "31m"),
              "\"\\u009b31m\"");
    EXPECT_EQ(Json("a\xC2\x80\xC2\x9F"), "\"a\\u0080\\u009f\"");
    EXPECT_EQ(Json("\xC2\xA0\xC2\xA3"
                   "5"),
              "\"\xC2\xA0\xC2\xA3"
              "5\"");  // no-break space, pound sign
    EXPECT_EQ(Json("\x1B]52;c;SGVsbG8=\x07"), "\"\\u001b]52;c;SGVsbG8=\\u0007\"");
}

}  // namespace
}  // namespace did::core
