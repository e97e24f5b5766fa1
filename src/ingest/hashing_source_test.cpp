#include "ingest/hashing_source.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/sha256.hpp"

namespace did::ingest {
namespace {

std::string Text(size_t size) {
    std::string text(size, '\0');
    for (size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + i % 23);
    return text;
}

TEST(HashingSourceTest, PassesTheBytesThroughAndHashesThem) {
    const std::string text = Text(3'000'001);
    HashingSource source(std::make_unique<MemorySource>(text), uint64_t{1} << 30);
    std::string read;
    char block[65536];
    while (true) {
        auto n = source.Read(block, sizeof block);
        ASSERT_TRUE(n);
        if (*n == 0) break;
        read.append(block, *n);
    }
    EXPECT_EQ(read, text);
    EXPECT_EQ(*source.FinishDigest(), core::Sha256::Of(text));
    EXPECT_EQ(source.bytes(), text.size());
}

TEST(HashingSourceTest, HashesWhatTheReaderLeftUnread) {
    const std::string text = Text(500'000);
    HashingSource source(std::make_unique<MemorySource>(text), uint64_t{1} << 30);
    char block[1000];
    ASSERT_TRUE(source.Read(block, sizeof block));  // a reader that gave up after one block
    EXPECT_EQ(*source.FinishDigest(), core::Sha256::Of(text));
    EXPECT_EQ(source.bytes(), text.size());
}

TEST(HashingSourceTest, RefusesToReadPastTheCap) {
    const std::string text = Text(3 << 20);
    HashingSource source(std::make_unique<MemorySource>(text), uint64_t{2} << 20);
    char block[65536];
    core::Result<size_t> n = 0;
    do {
        n = source.Read(block, sizeof block);
    } while (n && *n > 0);
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(n.error().message, "the file is larger than the 2 MiB allowed");
}

}  // namespace
}  // namespace did::ingest
