#include "ingest/byte_source.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "ingest/hashing_source.hpp"

namespace did::ingest {
namespace {

std::string TempPath(const std::string& name) {
    return ::testing::TempDir() + "byte_source_test_" + std::to_string(::getpid()) + "_" + name;
}

std::string ReadAll(ByteSource& source) {
    std::string out;
    char block[4096];
    while (true) {
        auto n = source.Read(block, sizeof block);
        EXPECT_TRUE(n);
        if (!n || *n == 0) return out;
        out.append(block, *n);
    }
}

TEST(ByteSourceTest, AFileLeftAloneIsUnchanged) {
    const std::string path = TempPath("alone.csv");
    std::ofstream(path, std::ios::binary) << "a,b\n1,2\n";
    auto source = FileSource::Open(path);
    ASSERT_TRUE(source);
    EXPECT_EQ(ReadAll(**source), "a,b\n1,2\n");
    EXPECT_TRUE((*source)->CheckUnchanged());
    std::remove(path.c_str());
}

TEST(ByteSourceTest, AFileGrownOrShortenedWhileReadSaysBy) {
    const std::string path = TempPath("resized.csv");
    std::ofstream(path, std::ios::binary) << std::string(5000, 'x');
    auto source = FileSource::Open(path);
    ASSERT_TRUE(source);
    std::ofstream(path, std::ios::binary | std::ios::app) << "more records";
    auto grown = (*source)->CheckUnchanged();
    ASSERT_FALSE(grown);
    EXPECT_EQ(grown.error().message, path +
                                         " changed while it was being read (it was 5000 bytes and is now 5012); check "
                                         "it again once whatever is writing it has finished");

    ASSERT_EQ(::truncate(path.c_str(), 100), 0);
    auto shortened = (*source)->CheckUnchanged();
    ASSERT_FALSE(shortened);
    EXPECT_NE(shortened.error().message.find("it was 5000 bytes and is now 100"), std::string::npos);
    std::remove(path.c_str());
}

TEST(ByteSourceTest, AFileRewrittenInPlaceIsNoticedThroughTheHashingReader) {
    const std::string path = TempPath("rewritten.csv");
    std::ofstream(path, std::ios::binary) << "first version\n";
    auto file = FileSource::Open(path);
    ASSERT_TRUE(file);
    HashingSource source(std::move(*file), uint64_t{1} << 20);
    EXPECT_TRUE(source.CheckUnchanged());
    // Same size, new modification time (set explicitly: a rewrite can land in the same tick).
    std::ofstream(path, std::ios::binary) << "other version\n";
    const struct timespec times[2] = {{0, UTIME_OMIT}, {1'000'000'000, 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
    auto rewritten = source.CheckUnchanged();
    ASSERT_FALSE(rewritten);
    EXPECT_NE(rewritten.error().message.find("(it was modified)"), std::string::npos);
    std::remove(path.c_str());
}

TEST(ByteSourceTest, MemoryCannotChangeUnderItsReader) {
    MemorySource memory("a,b\n");
    EXPECT_EQ(ReadAll(memory), "a,b\n");
    EXPECT_TRUE(memory.CheckUnchanged());
}

}  // namespace
}  // namespace did::ingest
