#include "ingest/csv/file_sniffer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/field.hpp"

namespace did::ingest {
namespace {

std::string Header() {
    std::string h;
    for (size_t i = 0; i < core::kFieldCount; ++i)
        h += (i ? "," : "") + std::string(core::FieldName(core::kAllFields[i]));
    return h;
}

const std::string kRecord =
    "4010232137,01,1980-05-17,A,1,LS1 4AP,B82005,04,G1234567,B82005,2026-10-01,2026-10-02,2026-10-10,XCHES,"
    "399208008,2026-10-11,RH802,ACC0001";

// `text` (ASCII) in UTF-16, as iconv writes it.
std::string Utf16(const std::string& text, bool little, bool bom) {
    std::string out = bom ? (little ? "\xFF\xFE" : "\xFE\xFF") : "";
    for (char c : text) {
        out += little ? std::string{c, '\0'} : std::string{'\0', c};
    }
    return out;
}

TEST(FileSnifferTest, RecognisesUtf16WithAndWithoutAByteOrderMark) {
    const std::string text = Header() + "\r\n" + kRecord + "\r\n";
    EXPECT_EQ(DetectUtf16(Utf16(text, true, true)), Utf16::kLittleEndian);
    EXPECT_EQ(DetectUtf16(Utf16(text, false, true)), Utf16::kBigEndian);
    EXPECT_EQ(DetectUtf16(Utf16(text, true, false)), Utf16::kLittleEndian);
    EXPECT_EQ(DetectUtf16(Utf16(text, false, false)), Utf16::kBigEndian);
    EXPECT_EQ(DetectUtf16(Utf16("ab", true, false)), std::nullopt);  // too short to tell
    // UTF-8, with a NUL or two, or nothing but NULs, is not UTF-16.
    EXPECT_EQ(DetectUtf16(text), std::nullopt);
    std::string nuls = text;
    for (size_t i = 1; i < 40; i += 2) nuls[i] = '\0';
    EXPECT_EQ(DetectUtf16(nuls), std::nullopt);
    EXPECT_EQ(DetectUtf16(std::string(4096, '\0')), std::nullopt);
    EXPECT_EQ(DetectUtf16("\xEF\xBB\xBF" + text), std::nullopt);

    const auto finding = SniffUnreadableFile(Utf16(text, true, true), true);
    ASSERT_TRUE(finding);
    EXPECT_EQ(finding->rule, validate::RuleId::kDidcEncoding);
    EXPECT_EQ(finding->line, 1u);
    EXPECT_EQ(finding->message,
              "the file is UTF-16 (little-endian), not UTF-8: in Excel, save it as 'CSV UTF-8 (Comma delimited)'; or "
              "convert it with iconv -f UTF-16LE -t UTF-8");
    EXPECT_NE(SniffUnreadableFile(Utf16(text, false, false), true)->message.find("big-endian"), std::string::npos);
}

TEST(FileSnifferTest, RecognisesLinesEndedByACarriageReturnOnly) {
    const std::string lines = Header() + "\r" + kRecord + "\r" + kRecord + "\r";
    EXPECT_TRUE(HasCrOnlyLineEnds(lines, true));
    EXPECT_TRUE(HasCrOnlyLineEnds(lines.substr(0, Header().size() + 40), false));  // the start of a long file
    EXPECT_TRUE(HasCrOnlyLineEnds(kRecord + "\r" + kRecord, true));                // no header
    EXPECT_TRUE(HasCrOnlyLineEnds(lines + "\n", true));                            // one LF, at the very end
    EXPECT_TRUE(HasCrOnlyLineEnds("NHS NUMBER,BIRTH\r1,2\r3,4\r", true));          // not 18 columns, no LF
    // LF and CRLF files, a CR that is data in a field, a CR CR LF line end, and a head that
    // stops where an LF may follow.
    EXPECT_FALSE(HasCrOnlyLineEnds(Header() + "\n" + kRecord + "\n", true));
    EXPECT_FALSE(HasCrOnlyLineEnds(Header() + "\r\n" + kRecord + "\r\n", true));
    EXPECT_FALSE(HasCrOnlyLineEnds(kRecord + "\rX\n" + kRecord + "\n", true));
    EXPECT_FALSE(HasCrOnlyLineEnds("4010232137,01\r,1980" + kRecord.substr(13) + "\n", true));
    EXPECT_FALSE(HasCrOnlyLineEnds(Header() + "\r\r\n" + kRecord + "\n", true));
    EXPECT_FALSE(HasCrOnlyLineEnds(Header() + "\r", false));
    EXPECT_FALSE(HasCrOnlyLineEnds(kRecord.substr(0, 60) + "\r" + kRecord.substr(60), true));  // 18 columns in all
    EXPECT_FALSE(HasCrOnlyLineEnds("", true));

    const auto finding = SniffUnreadableFile("\xEF\xBB\xBF" + lines, true);
    ASSERT_TRUE(finding);
    EXPECT_EQ(finding->rule, validate::RuleId::kDids075);
    EXPECT_EQ(finding->line, 1u);
    EXPECT_EQ(finding->message,
              "lines end with a carriage return (CR) only, as Excel's 'CSV (Macintosh)' writes them, so the file reads "
              "as one line: save it as 'CSV UTF-8 (Comma delimited)', or convert it with tr '\\r' '\\n'");
    EXPECT_FALSE(SniffUnreadableFile(Header() + "\n" + kRecord + "\n", true));
}

}  // namespace
}  // namespace did::ingest
