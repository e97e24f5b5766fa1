#include "core/utf8.hpp"

#include <gtest/gtest.h>

namespace did::core {
namespace {

TEST(Utf8Test, AcceptsValidText) {
    EXPECT_FALSE(FindInvalidUtf8("plain ascii, long enough to use the fast path"));
    EXPECT_FALSE(FindInvalidUtf8("Zo\xC3\xAB"));              // ë
    EXPECT_FALSE(FindInvalidUtf8("\xE2\x82\xAC 10"));         // €
    EXPECT_FALSE(FindInvalidUtf8("\xF0\x9F\x98\x80 smile"));  // U+1F600
    EXPECT_FALSE(FindInvalidUtf8(""));
}

TEST(Utf8Test, FindsTheFirstBadByte) {
    EXPECT_EQ(FindInvalidUtf8("abcdefghij\xFFxyz"), 10u);
    EXPECT_EQ(FindInvalidUtf8("ab\xC3"), 2u);                    // truncated
    EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);                  // overlong '/'
    EXPECT_EQ(FindInvalidUtf8("\xE0\x80\xAF"), 0u);              // overlong
    EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);             // surrogate U+D800
    EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);          // above U+10FFFF
    EXPECT_EQ(FindInvalidUtf8("\x80"), 0u);                      // lone continuation
    EXPECT_EQ(FindInvalidUtf8("Latin-1 caf\xE9 au lait"), 11u);  // a Windows-1252 export
}

TEST(Utf8Test, CountsCodePoints) {
    EXPECT_EQ(CountCodePoints("ACC-1"), 5u);
    EXPECT_EQ(CountCodePoints("\xC3\xAB\xE2\x82\xAC"), 2u);
}

TEST(Utf8Test, ControlCharacters) {
    EXPECT_FALSE(HasControlCharacter("ACC 123-45/6"));
    EXPECT_TRUE(HasControlCharacter("ACC\t1"));
    EXPECT_TRUE(HasControlCharacter("ACC\r1"));
    EXPECT_TRUE(HasControlCharacter(std::string_view("A\0B", 3)));
    EXPECT_TRUE(HasControlCharacter("A\x7F"));
    EXPECT_TRUE(HasControlCharacter("A\xC2\x85"));   // U+0085 next line
    EXPECT_FALSE(HasControlCharacter("A\xC2\xA0"));  // U+00A0 no-break space is not Cc
}

}  // namespace
}  // namespace did::core
