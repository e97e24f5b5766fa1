#include "core/zeroed_array.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace did::core {
namespace {

TEST(ZeroedArrayTest, StartsZeroedAndKeepsWhatIsWritten) {
    ZeroedArray<uint64_t> array((size_t{5} << 20) / sizeof(uint64_t) + 3);  // spans huge pages, ragged end
    for (uint64_t v : array) ASSERT_EQ(v, 0u);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(array.data()) % (size_t{2} << 20), 0u);  // huge-page aligned
    for (size_t i = 0; i < array.size(); i += 997) array[i] = i + 1;
    array[array.size() - 1] = 42;
    for (size_t i = 0; i < array.size() - 1; i += 997) EXPECT_EQ(array[i], i + 1);
    EXPECT_EQ(array[array.size() - 1], 42u);
}

TEST(ZeroedArrayTest, MovesOwnership) {
    ZeroedArray<char> a(100);
    a[99] = 'x';
    ZeroedArray<char> b = std::move(a);
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from state is specified
    ASSERT_EQ(b.size(), 100u);
    EXPECT_EQ(b[99], 'x');
    ZeroedArray<char> c(10);
    c = std::move(b);
    EXPECT_EQ(c.size(), 100u);
    EXPECT_EQ(c[99], 'x');
    EXPECT_TRUE(ZeroedArray<int>().empty());
}

}  // namespace
}  // namespace did::core
