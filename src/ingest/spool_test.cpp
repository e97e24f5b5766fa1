#include "ingest/spool.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/sha256.hpp"

namespace did::ingest {
namespace {

std::string ReadAll(ByteSource& source) {
    std::string out;
    char buffer[7];
    while (auto n = source.Read(buffer, sizeof buffer)) {
        if (*n == 0) break;
        out.append(buffer, *n);
    }
    return out;
}

TEST(SpoolTest, KeepsAHashedPrivateCopy) {
    const std::string data(100000, 'x');
    MemorySource source(data);
    auto spool = Spool::Create(source, std::filesystem::temp_directory_path().string(), 1 << 20);
    ASSERT_TRUE(spool) << spool.error().message;
    EXPECT_EQ((*spool)->size(), data.size());
    EXPECT_EQ((*spool)->sha256(), core::Sha256::Of(data));
    auto first = (*spool)->Open();
    auto second = (*spool)->Open();
    EXPECT_EQ(ReadAll(*first), data);
    EXPECT_EQ(ReadAll(*second), data);
    auto again = first->ReadAgain();
    ASSERT_TRUE(again);
    EXPECT_EQ(ReadAll(*again), data);
}

TEST(SpoolTest, RefusesFilesOverTheCap) {
    const std::string data(5000, 'x');
    MemorySource source(data);
    auto spool = Spool::Create(source, std::filesystem::temp_directory_path().string(), 4096);
    ASSERT_FALSE(spool);
    EXPECT_NE(spool.error().message.find("larger than"), std::string::npos);
}

}  // namespace
}  // namespace did::ingest
