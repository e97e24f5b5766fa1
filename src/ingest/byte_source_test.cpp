#include "ingest/byte_source.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <thread>

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

// A regular file can be read again from its first byte, through the descriptor it was opened
// with: whatever its path names by then, and however far the first reader got.
TEST(ByteSourceTest, AFileIsReadAgainAsOpenedAndCheckedUnchanged) {
    const std::string path = TempPath("again.csv");
    std::ofstream(path, std::ios::binary) << "a,b\n1,2\n";
    auto source = FileSource::Open(path);
    ASSERT_TRUE(source);
    EXPECT_EQ(ReadAll(**source), "a,b\n1,2\n");
    auto again = (*source)->ReadAgain();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->SizeHint(), 8u);
    EXPECT_TRUE(again->MappableFd());  // not read from yet: it can be mapped
    const std::string moved = TempPath("again-moved.csv");
    std::filesystem::rename(path, moved);
    std::ofstream(path, std::ios::binary) << "another file\n";  // the path names another file now
    EXPECT_EQ(ReadAll(*again), "a,b\n1,2\n");
    EXPECT_TRUE(again->CheckUnchanged());
    auto third = again->ReadAgain();
    ASSERT_TRUE(third);
    std::ofstream(moved, std::ios::binary | std::ios::app) << "3,4\n";
    EXPECT_FALSE(third->CheckUnchanged());  // the file as opened has grown since
    HashingSource hashing(std::move(*source), 1 << 20);
    EXPECT_TRUE(hashing.ReadAgain());
    std::remove(path.c_str());
    std::remove(moved.c_str());
}

TEST(ByteSourceTest, MemoryCannotChangeUnderItsReader) {
    MemorySource memory("a,b\n");
    EXPECT_EQ(ReadAll(memory), "a,b\n");
    EXPECT_TRUE(memory.CheckUnchanged());
    auto again = memory.ReadAgain();
    ASSERT_TRUE(again);
    EXPECT_EQ(ReadAll(*again), "a,b\n");
}

// A named pipe, and a thread that opens it for writing (which waits for a reader), writes
// `text`, then keeps it open until `release` is set before closing it.
class PipeWriter {
  public:
    PipeWriter(const std::string& path, std::string text, std::shared_future<void> release)
        : thread_([path, text = std::move(text), release] {
              const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
              ASSERT_GE(fd, 0);
              for (size_t done = 0; done < text.size();) {
                  const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
                  ASSERT_GT(n, 0);
                  done += static_cast<size_t>(n);
              }
              release.wait();
              ::close(fd);
          }) {}
    ~PipeWriter() { thread_.join(); }

  private:
    std::thread thread_;
};

std::string MakeFifo(const std::string& name) {
    const std::string path = TempPath(name);
    std::remove(path.c_str());
    EXPECT_EQ(::mkfifo(path.c_str(), 0600), 0);
    return path;
}

TEST(ByteSourceTest, APipeNobodyWritesToFailsAfterTheWait) {
    const std::string path = MakeFifo("nobody.fifo");
    auto source = FileSource::Open(path, std::chrono::milliseconds(100));
    ASSERT_FALSE(source);
    EXPECT_EQ(source.error().message, "no program is writing to the pipe " + path + "; waited 0.1 s");
    std::remove(path.c_str());
}

TEST(ByteSourceTest, APipeIsReadToItsEndOnceAProgramWritesToIt) {
    const std::string path = MakeFifo("writer.fifo");
    std::string text;
    while (text.size() < (size_t{1} << 20)) text += "4010232137,01,1980-05-17,A,1,LS1 4AP\n";  // more than a pipe holds
    std::promise<void> release;
    release.set_value();  // the writer closes the pipe as soon as it has written
    PipeWriter writer(path, text, release.get_future().share());
    auto source = FileSource::Open(path, std::chrono::seconds(60));
    ASSERT_TRUE(source) << source.error().message;
    EXPECT_FALSE((*source)->SizeHint());
    EXPECT_FALSE((*source)->MappableFd());
    EXPECT_EQ(ReadAll(**source), text);
    EXPECT_TRUE((*source)->CheckUnchanged());
    EXPECT_EQ((*source)->ReadAgain(), nullptr);  // what a pipe sent is gone once read
    std::remove(path.c_str());
}

TEST(ByteSourceTest, APipeWhoseWriterStallsFailsAfterTheWait) {
    const std::string path = MakeFifo("stalled.fifo");
    // A writer that has sent a little and holds the pipe open. Opened read-write, which does not
    // wait for a reader, so that the bytes are there before the source opens the pipe.
    const int writer = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    ASSERT_GE(writer, 0);
    ASSERT_EQ(::write(writer, "NHS NUMBER,", 11), 11);
    auto source = FileSource::Open(path, std::chrono::milliseconds(100));
    ASSERT_TRUE(source) << source.error().message;
    char block[64];
    auto first = (*source)->Read(block, sizeof block);
    ASSERT_TRUE(first);
    EXPECT_EQ(std::string(block, *first), "NHS NUMBER,");
    auto stalled = (*source)->Read(block, sizeof block);
    ASSERT_FALSE(stalled);
    EXPECT_EQ(stalled.error().message,
              "the program writing to the pipe " + path + " has sent nothing for 0.1 s; stopped waiting");
    ::close(writer);
    std::remove(path.c_str());
}

TEST(ByteSourceTest, DirectoriesSocketsAndDevicesAreRefusedBeforeReading) {
    const std::string directory = TempPath("directory");
    std::filesystem::create_directories(directory);
    auto refused = FileSource::Open(directory);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message, "cannot read " + directory + ": it is a directory, not a file");
    std::filesystem::remove(directory);

    const std::string socket_path = TempPath("socket");
    std::remove(socket_path.c_str());
    const int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_GE(listener, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    ASSERT_LT(socket_path.size(), sizeof address.sun_path);
    std::memcpy(address.sun_path, socket_path.c_str(), socket_path.size() + 1);
    ASSERT_EQ(::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
    refused = FileSource::Open(socket_path);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message, "cannot read " + socket_path + ": it is a socket, not a file");
    ::close(listener);
    std::remove(socket_path.c_str());

    // An endless device would be read (or, by `did submit`, spooled) until it filled the disk.
    for (const std::string device : {"/dev/zero", "/dev/urandom", "/dev/null"}) {
        refused = FileSource::Open(device);
        ASSERT_FALSE(refused) << device;
        EXPECT_NE(refused.error().message.find("cannot read " + device + ": it is a device, not a file"),
                  std::string::npos)
            << refused.error().message;
    }
}

}  // namespace
}  // namespace did::ingest
