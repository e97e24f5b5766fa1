#include "ingest/window_reader.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>

#include "ingest/buffered_window_reader.hpp"
#include "ingest/mapped_window_reader.hpp"

namespace did::ingest {
namespace {

std::string RandomBytes(size_t size, uint32_t seed) {
    std::mt19937 random(seed);
    std::string out(size, '\0');
    for (char& c : out) c = static_cast<char>('a' + random() % 26);
    return out;
}

class TempFile {
  public:
    explicit TempFile(const std::string& bytes)
        : path_(::testing::TempDir() + "window_reader_test_" + std::to_string(::getpid()) + "_" +
                std::to_string(next_++) + ".bin") {
        std::ofstream(path_, std::ios::binary) << bytes;
    }
    ~TempFile() { std::remove(path_.c_str()); }
    const std::string& path() const { return path_; }

  private:
    static inline int next_ = 0;
    std::string path_;
};

// Drives a reader with a sequence of steps (consume this many bytes, or grow) and checks every
// window against the file: it must start where the last one was consumed to and hold a full
// window unless the file ends first.
void CheckAgainstFile(WindowReader& reader, const std::string& file, size_t window, uint32_t seed) {
    std::mt19937 random(seed);
    uint64_t position = 0;
    while (true) {
        auto view = reader.Fill();
        ASSERT_TRUE(view) << view.error().message;
        ASSERT_LE(position + view->size(), file.size());
        ASSERT_EQ(*view, std::string_view(file).substr(position, view->size())) << "at " << position;
        ASSERT_GE(view->size(), std::min<uint64_t>(reader.window_bytes(), file.size() - position));
        // A buffered reader may learn of the end only when a read returns nothing; neither may
        // claim it too soon.
        if (reader.at_eof()) {
            EXPECT_EQ(position + view->size(), file.size());
        }
        if (reader.at_eof() && view->empty()) break;
        if (random() % 5 == 0) {
            ASSERT_TRUE(reader.Prefetch());
        }
        const auto step = random() % 10;
        if (step == 0 && reader.window_bytes() < window * 8 && !reader.at_eof()) {
            ASSERT_TRUE(reader.Grow());
            continue;
        }
        // Mostly most of the window, sometimes a little (a long tail), sometimes all of it.
        const size_t bytes = step < 6   ? view->size() - std::min<size_t>(view->size(), random() % 200)
                             : step < 8 ? random() % (view->size() / 4 + 1)
                                        : view->size();
        ASSERT_TRUE(reader.Consume(bytes));
        position += bytes;
    }
    EXPECT_EQ(position, file.size());
    EXPECT_EQ(reader.bytes_read(), file.size());
}

TEST(WindowReaderTest, MappedAndBufferedReadersSeeTheSameBytes) {
    const std::string bytes = RandomBytes(700000, 7);
    const TempFile file(bytes);
    for (size_t window : {4096u, 10000u, 65536u, 300000u, 1u << 20}) {
        for (uint32_t seed = 1; seed <= 3; ++seed) {
            auto source = FileSource::Open(file.path());
            ASSERT_TRUE(source);
            const auto fd = (*source)->MappableFd();
            ASSERT_TRUE(fd.has_value());
            MappedWindowReader mapped(*fd, bytes.size(), window);
            CheckAgainstFile(mapped, bytes, window, seed);
            EXPECT_TRUE(mapped.at_eof());

            MemorySource memory(bytes);
            BufferedWindowReader buffered(memory, window);
            CheckAgainstFile(buffered, bytes, window, seed);
        }
    }
}

TEST(WindowReaderTest, OnlyRegularFilesNotYetReadAreMapped) {
    const std::string bytes = RandomBytes(5000, 3);
    const TempFile file(bytes);
    auto source = FileSource::Open(file.path());
    ASSERT_TRUE(source);
    EXPECT_TRUE((*source)->MappableFd().has_value());
    char first[10];
    ASSERT_TRUE((*source)->Read(first, sizeof first));
    EXPECT_FALSE((*source)->MappableFd().has_value());  // a mapping would see those bytes again

    const TempFile empty("");
    auto nothing = FileSource::Open(empty.path());
    ASSERT_TRUE(nothing);
    EXPECT_FALSE((*nothing)->MappableFd().has_value());  // nothing to map: read, and see the end
    MemorySource memory(bytes);
    EXPECT_FALSE(memory.MappableFd().has_value());
}

}  // namespace
}  // namespace did::ingest
