#include "core/terminal_text.hpp"

#include <gtest/gtest.h>

#include "core/utf8.hpp"

namespace did::core {
namespace {

TEST(TerminalTextTest, OrdinaryTextIsUnchanged) {
    EXPECT_EQ(ForTerminal(""), "");
    EXPECT_EQ(ForTerminal("RH802 =1+1 @x -5 C:\\path"), "RH802 =1+1 @x -5 C:\\path");
    // Multi-byte UTF-8, including U+00A0 and U+00BF whose first byte C2 the C1 controls share.
    const std::string text = "caf\xC3\xA9 \xC2\xA0\xC2\xBF \xE2\x80\x94 \xF0\x9F\x98\x80";
    EXPECT_EQ(ForTerminal(text), text);
}

TEST(TerminalTextTest, ControlCharactersAreShownVisibly) {
    EXPECT_EQ(ForTerminal("a\tb\nc\rd"), "a<TAB>b<LF>c<CR>d");
    EXPECT_EQ(ForTerminal(std::string("\0x", 2)), "<NUL>x");
    EXPECT_EQ(ForTerminal("\x01\x1F\x7F"), "<SOH><US><DEL>");
    // The clipboard write (OSC 52) and a colour (CSI): nothing left for a terminal to act on.
    EXPECT_EQ(ForTerminal("\x1B]52;c;SGVsbG8=\x07"), "<ESC>]52;c;SGVsbG8=<BEL>");
    EXPECT_EQ(ForTerminal("\x1B[31mred\x1B[0m"), "<ESC>[31mred<ESC>[0m");
    // C1 controls, as UTF-8: CSI is C2 9B.
    EXPECT_EQ(ForTerminal("\xC2\x9B"
                          "31m"),
              "<U+009B>31m");
    EXPECT_EQ(ForTerminal("\xC2\x80\xC2\x9F"), "<U+0080><U+009F>");
}

TEST(TerminalTextTest, BytesThatAreNotUtf8AreShownOneByOne) {
    EXPECT_EQ(ForTerminal("caf\xE9"), "caf<0xE9>");  // Windows-1252
    EXPECT_EQ(ForTerminal("\x9B"
                          "31m"),
              "<0x9B>31m");                                             // a lone C1 byte
    EXPECT_EQ(ForTerminal("a\xE2\x82z"), "a<0xE2><0x82>z");             // a sequence cut short
    EXPECT_EQ(ForTerminal("\xC0\xAF"), "<0xC0><0xAF>");                 // an overlong form
    EXPECT_EQ(ForTerminal("\xFF\x1B\xC3\xA9"), "<0xFF><ESC>\xC3\xA9");  // then a control, then é
}

TEST(TerminalTextTest, TheResultIsValidUtf8WithoutControls) {
    std::string every_byte;
    for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
    every_byte += "\xC2\x85\xE2\x80\xA8";
    const std::string shown = ForTerminal(every_byte);
    EXPECT_FALSE(FindInvalidUtf8(shown).has_value());
    EXPECT_FALSE(HasControlCharacter(shown));
}

}  // namespace
}  // namespace did::core
