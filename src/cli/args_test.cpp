#include "cli/args.hpp"

#include <gtest/gtest.h>

namespace did::cli {
namespace {

TEST(ArgsTest, PositionalsOptionsAndFlags) {
    const auto args = Args::Parse({"file.csv", "--period", "2026-10", "--format=json", "--crlf", "-"},
                                  {{"period"}, {"format"}, {"crlf", false}});
    ASSERT_TRUE(args) << args.error().message;
    EXPECT_EQ(args->positional(), (std::vector<std::string>{"file.csv", "-"}));
    EXPECT_EQ(args->Get("period"), "2026-10");
    EXPECT_EQ(args->Get("format"), "json");
    EXPECT_TRUE(args->Has("crlf"));
    EXPECT_FALSE(args->Has("provider"));
    EXPECT_EQ(args->GetOr("provider", "RXX"), "RXX");
}

TEST(ArgsTest, UnknownOrIncompleteOptionsAreErrors) {
    EXPECT_FALSE(Args::Parse({"--perod", "2026-10"}, {{"period"}}));
    EXPECT_FALSE(Args::Parse({"--period"}, {{"period"}}));
    EXPECT_FALSE(Args::Parse({"--crlf=yes"}, {{"crlf", false}}));
}

}  // namespace
}  // namespace did::cli
