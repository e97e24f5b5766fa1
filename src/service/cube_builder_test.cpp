#include "service/cube_builder.hpp"

#include <gtest/gtest.h>

#include <string>

namespace did::service {
namespace {

TEST(InternerTest, EachDistinctValueGetsTheNextNumberOnce) {
    Interner interner(8);
    // Short values (packed into their key) and long ones (hashed) alike, including values that
    // differ only in length or by a trailing zero byte.
    const std::string values[] = {"RXX01",
                                  "",
                                  "A",
                                  std::string("A\0", 2),
                                  "1234567",
                                  "12345678",
                                  "Plain Radiography",
                                  "Diagnostic Ultrasonography",
                                  "85+"};
    for (int round = 0; round < 2; ++round) {
        for (size_t i = 0; i < std::size(values); ++i) {
            EXPECT_EQ(interner.Id(values[i]), i) << values[i];
            EXPECT_EQ(interner.Value(i), values[i]);
        }
    }
}

TEST(InternerTest, SaysWhenThereAreTooManyValues) {
    Interner interner(2);  // four values at most
    for (const char* v : {"a", "b", "a long value, hashed", "d"}) EXPECT_LT(interner.Id(v), interner.limit());
    EXPECT_EQ(interner.Id("e"), interner.limit());
    EXPECT_EQ(interner.Id("another long value"), interner.limit());
    EXPECT_EQ(interner.Id("b"), 1u);  // known values still have their number
}

}  // namespace
}  // namespace did::service
