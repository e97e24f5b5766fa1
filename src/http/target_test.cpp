#include "http/target.hpp"

#include <gtest/gtest.h>

namespace did::http {
namespace {

TEST(TargetTest, DecodesPathAndQuery) {
    auto target = ParseTarget("/providers/RXX/submissions?rule=DIDS017&page=2&name=a%20b+c");
    ASSERT_TRUE(target.has_value());
    EXPECT_EQ(target->path, "/providers/RXX/submissions");
    EXPECT_EQ(target->query.at("rule"), "DIDS017");
    EXPECT_EQ(target->query.at("page"), "2");
    EXPECT_EQ(target->query.at("name"), "a b c");
}

TEST(TargetTest, DropsATrailingSlash) {
    EXPECT_EQ(ParseTarget("/timetable/")->path, "/timetable");
    EXPECT_EQ(ParseTarget("/")->path, "/");
}

TEST(TargetTest, RefusesTraversalAndControlCharacters) {
    for (const char* hostile :
         {"/assets/../etc/passwd", "/assets/%2e%2e/secret", "/assets/a%2fb", "/a/./b", "/assets/%00", "/a%5c..%5cb",
          "/a/%0d%0aSet-Cookie:x", "relative", "", "/a%zz", "/a%2"}) {
        EXPECT_FALSE(ParseTarget(hostile).has_value()) << hostile;
    }
}

TEST(TargetTest, FormValuesAreDecodedAndBadEncodingRefused) {
    auto form = ParseUrlEncoded("period=2026-10&comment=took+two+hours%21&empty=&flag");
    ASSERT_TRUE(form.has_value());
    EXPECT_EQ(form->at("comment"), "took two hours!");
    EXPECT_EQ(form->at("empty"), "");
    EXPECT_EQ(form->at("flag"), "");
    EXPECT_FALSE(ParseUrlEncoded("a=%G0").has_value());
}

TEST(TargetTest, UrlEncodeKeepsOnlyUnreserved) {
    EXPECT_EQ(UrlEncode("DID Collect:a/b?c"), "DID%20Collect%3Aa%2Fb%3Fc");
    EXPECT_EQ(UrlEncode("a-b._~"), "a-b._~");
}

}  // namespace
}  // namespace did::http
