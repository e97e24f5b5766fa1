#include "core/hash.hpp"

#include <gtest/gtest.h>

#include <string>
#include <unordered_set>

namespace did::core {
namespace {

TEST(HashTest, EqualInputsHashEqually) {
    EXPECT_EQ(HashBytes("ACC0001|RH802"), HashBytes(std::string("ACC0001|RH802")));
    EXPECT_NE(HashBytes("ACC0001|RH802"), HashBytes("ACC0001|RH803"));
    EXPECT_NE(HashBytes(std::string_view("a")), HashBytes(std::string_view("a"), 1));
    EXPECT_NE(HashBytes(""), HashBytes(std::string_view("\0", 1)));
}

TEST(HashTest, NoCollisionsOnSequentialKeysOfEveryLength) {
    std::unordered_set<std::string> keys;
    std::unordered_set<uint64_t> hashes;
    for (size_t length = 1; length <= 40; ++length) {
        for (int i = 0; i < 5000; ++i) {
            std::string key = std::to_string(i);
            if (key.size() > length) continue;
            key.resize(length, 'x');
            keys.insert(key);
            hashes.insert(HashBytes(key));
        }
    }
    EXPECT_EQ(hashes.size(), keys.size());
}

}  // namespace
}  // namespace did::core
