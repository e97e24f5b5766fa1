#include "validate/duplicate_index.hpp"

#include <gtest/gtest.h>

#include "core/hash.hpp"
#include "validate/duplicate_key.hpp"

namespace did::validate {
namespace {

void AddKey(ChunkResult& chunk, uint64_t line, std::string_view site, std::string_view accession) {
    DuplicateKey key;
    key.key_offset = static_cast<uint32_t>(chunk.key_arena.size());
    AppendDuplicateKey(chunk.key_arena, site, accession);
    key.key_size = static_cast<uint32_t>(chunk.key_arena.size() - key.key_offset);
    key.hash = core::HashBytes(chunk.key_arena.data() + key.key_offset, key.key_size);
    key.line = line;
    chunk.keys.push_back(key);
}

TEST(DuplicateIndexTest, MarksLaterOccurrencesAcrossChunksAndPartitions) {
    ChunkResult a;
    ChunkResult b;
    AddKey(a, 0, "RH802", "ACC1");
    AddKey(a, 1, "RH803", "ACC1");  // another site: not a repeat
    AddKey(a, 2, "RH802", "acc1");  // case counts
    AddKey(b, 0, "RH802", "ACC1");
    AddKey(b, 3, "RH802", "ACC 1");
    AddKey(b, 4, "RH802", "ACC1");
    std::vector<ChunkResult*> chunks = {&a, &b};
    std::vector<uint64_t> base = {2, 10};
    DuplicateIndex index(3);
    for (size_t p = 0; p < index.partitions(); ++p) index.MarkPartition(p, chunks, base);
    EXPECT_FALSE(a.keys[0].duplicate);
    EXPECT_FALSE(a.keys[1].duplicate);
    EXPECT_FALSE(a.keys[2].duplicate);
    EXPECT_TRUE(b.keys[0].duplicate);
    EXPECT_EQ(b.keys[0].first_line, 2u);
    EXPECT_FALSE(b.keys[1].duplicate);
    EXPECT_TRUE(b.keys[2].duplicate);
    EXPECT_EQ(b.keys[2].first_line, 2u);
    EXPECT_EQ(index.size(), 4u);
}

TEST(DuplicateIndexTest, GrowsPastItsFirstTable) {
    ChunkResult chunk;
    for (int i = 0; i < 50000; ++i) AddKey(chunk, static_cast<uint64_t>(i), "RH802", "A" + std::to_string(i % 40000));
    std::vector<ChunkResult*> chunks = {&chunk};
    std::vector<uint64_t> base = {1};
    DuplicateIndex index(2);
    for (size_t p = 0; p < index.partitions(); ++p) index.MarkPartition(p, chunks, base);
    size_t duplicates = 0;
    for (const auto& key : chunk.keys) duplicates += key.duplicate;
    EXPECT_EQ(duplicates, 10000u);
    EXPECT_EQ(index.size(), 40000u);
}

TEST(DuplicateIndexTest, KeysLongerThanABlockAndEverySiteLength) {
    ChunkResult chunk;
    const std::string huge(5u << 20, 'x');
    AddKey(chunk, 0, "RH802", huge);
    AddKey(chunk, 1, std::string(300, 'S'), "A");
    AddKey(chunk, 2, "RH802", "short");
    AddKey(chunk, 3, "RH802", huge);
    AddKey(chunk, 4, std::string(300, 'S'), "A");
    AddKey(chunk, 5, std::string(299, 'S'), "SA");  // same bytes, split differently
    std::vector<ChunkResult*> chunks = {&chunk};
    std::vector<uint64_t> base = {1};
    DuplicateIndex index(1);
    index.MarkPartition(0, chunks, base);
    EXPECT_FALSE(chunk.keys[2].duplicate);
    EXPECT_TRUE(chunk.keys[3].duplicate);
    EXPECT_EQ(chunk.keys[3].first_line, 1u);
    EXPECT_TRUE(chunk.keys[4].duplicate);
    EXPECT_EQ(chunk.keys[4].first_line, 2u);
    EXPECT_FALSE(chunk.keys[5].duplicate);
    const auto parts =
        SplitDuplicateKey(std::string_view(chunk.key_arena).substr(chunk.keys[1].key_offset, chunk.keys[1].key_size));
    EXPECT_EQ(parts.site.size(), 300u);
    EXPECT_EQ(parts.accession, "A");
}

}  // namespace
}  // namespace did::validate
