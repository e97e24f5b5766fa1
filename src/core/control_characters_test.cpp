#include "core/control_characters.hpp"

#include <gtest/gtest.h>

#include <string>

namespace did::core {
namespace {

using namespace std::string_literals;

TEST(ControlCharactersTest, FindsTheFirstAndCountsThemAll) {
    EXPECT_FALSE(FindControlCharacter("ACC 0001 \xC3\xA9 \xC2\xA3"));  // é and £ are not controls
    const auto nul = FindControlCharacter("ABC\0D\tE"s);
    ASSERT_TRUE(nul);
    EXPECT_EQ(nul->offset, 3u);
    EXPECT_EQ(nul->character, 4u);
    EXPECT_EQ(nul->code_point, 0u);
    EXPECT_EQ(nul->count, 2u);
    // Characters, not bytes: é is two bytes and one character.
    const auto c1 = FindControlCharacter("\xC3\xA9\xC2\x85x");
    ASSERT_TRUE(c1);
    EXPECT_EQ(c1->offset, 2u);
    EXPECT_EQ(c1->character, 2u);
    EXPECT_EQ(c1->code_point, 0x85u);
    const auto del = FindControlCharacter("x\x7F");
    ASSERT_TRUE(del);
    EXPECT_EQ(del->code_point, 0x7Fu);
}

TEST(ControlCharactersTest, NamesAndShowsThem) {
    EXPECT_EQ(DescribeControlCharacter(0), "NUL (U+0000)");
    EXPECT_EQ(DescribeControlCharacter(9), "TAB (U+0009)");
    EXPECT_EQ(DescribeControlCharacter(0x1B), "ESC (U+001B)");
    EXPECT_EQ(DescribeControlCharacter(0x7F), "DEL (U+007F)");
    EXPECT_EQ(DescribeControlCharacter(0x9F), "U+009F");
    EXPECT_EQ(ShowControlCharacters("A\0B\r\nC\xC2\x85\x7F"s), "A<NUL>B<CR><LF>C<U+0085><DEL>");
    EXPECT_EQ(ShowControlCharacters("plain \xC2\xA3"), "plain \xC2\xA3");
    for (const std::string& shown : {ShowControlCharacters("\0"s), ShowControlCharacters("a\x01\x1F")}) {
        EXPECT_FALSE(FindControlCharacter(shown)) << shown;
    }
}

TEST(ControlCharactersTest, TheFastScanSkipsLineEndsOnly) {
    const std::string line = "4010232137,01,1980-05-17,A,1,LS1 4AP,B82005,04,G1234567,ACC0001";
    EXPECT_EQ(FindPossibleControl(line + "\n" + line + "\r\n" + line + "\n"), 3 * line.size() + 4);
    for (size_t at : {0ul, 5ul, 15ul, 16ul, 17ul, 31ul, 32ul, 33ul, 40ul, line.size() - 1}) {
        for (const std::string& c : {"\0"s, "\t"s, "\x7F"s, "\r"s, "\x1B"s, "\xC2\x80"s, "\xC2\x9F"s}) {
            std::string text = line + "\r\n" + line;
            text.insert(line.size() + 2 + at, c);
            EXPECT_EQ(FindPossibleControl(text), line.size() + 2 + at) << at << " " << static_cast<int>(c[0]);
        }
    }
    // Non-ASCII text is not a control: £ (C2 A3), é, €.
    const std::string text = line + "\xC2\xA3 caf\xC3\xA9 \xE2\x82\xAC" + line + "\xC3\xA9\n";
    EXPECT_EQ(FindPossibleControl(text), text.size());
    // A CR or C2 at the very end might be one.
    EXPECT_EQ(FindPossibleControl(line + "\r"), line.size());
    EXPECT_EQ(FindPossibleControl(line + "\xC2"), line.size());
    EXPECT_EQ(FindPossibleControl(""), 0u);
}

}  // namespace
}  // namespace did::core
