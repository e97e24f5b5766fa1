// ByteSource: where a submission's bytes come from (a file, standard input, memory), read
// forward once in large blocks. Keeps file access behind one small interface, so tests and
// the fuzzer feed memory and the server feeds its spool file. One reader at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace did::ingest {

class ByteSource {
  public:
    virtual ~ByteSource() = default;
    // Reads up to `size` bytes; 0 means the end.
    virtual core::Result<size_t> Read(char* into, size_t size) = 0;
    // The total size when known in advance, for progress reports.
    virtual std::optional<uint64_t> SizeHint() const { return std::nullopt; }
    // A regular file not yet read from can be mapped instead of read: its descriptor, whose
    // bytes run from offset 0 to SizeHint().
    virtual std::optional<int> MappableFd() const { return std::nullopt; }
    // After reading: fails when the source is no longer what was opened (a file that another
    // program grew, shortened or rewrote meanwhile, say an extract still being copied in), so
    // that no report or submission is ever made from part of a file.
    virtual core::Status CheckUnchanged() const { return {}; }
    // A new reader of the same bytes from the first, for a second pass over what was read
    // (the rejected records, copied as sent); null when the bytes cannot be had again (standard
    // input, a pipe). Independent of this reader's position; its CheckUnchanged compares with
    // the source as this one found it.
    virtual std::unique_ptr<ByteSource> ReadAgain() const { return nullptr; }
};

// How long a named pipe (FIFO) may keep its reader waiting: for a program to start writing
// to it, and then for each next block.
inline constexpr std::chrono::milliseconds kPipeWait{30'000};

class FileSource final : public ByteSource {
  public:
    // `path` "-" reads standard input, as it comes (unless it is a device other than a
    // terminal). Otherwise a regular file, a named pipe (waited on for at most `pipe_wait` at a
    // time, so that a pipe nobody writes to fails instead of hanging) or a terminal; a
    // directory, a socket or any other device (such as /dev/zero, which never ends) is refused
    // before anything is read.
    static core::Result<std::unique_ptr<FileSource>> Open(const std::string& path,
                                                          std::chrono::milliseconds pipe_wait = kPipeWait);
    ~FileSource() override;

    core::Result<size_t> Read(char* into, size_t size) override;
    std::optional<uint64_t> SizeHint() const override { return size_; }
    std::optional<int> MappableFd() const override;
    // Regular files only: their size and modification time against those at Open.
    core::Status CheckUnchanged() const override;
    // Regular files only: the file as opened (the same descriptor, not the path again).
    std::unique_ptr<ByteSource> ReadAgain() const override;

  private:
    FileSource(int fd, bool owned, std::optional<uint64_t> size, int64_t modified_ns, std::string path)
        : fd_(fd), owned_(owned), size_(size), modified_ns_(modified_ns), path_(std::move(path)) {}
    int fd_;
    bool owned_;
    std::optional<uint64_t> size_;  // a regular file's size at Open
    int64_t modified_ns_;
    std::string path_;
    bool read_from_ = false;
    bool pipe_ = false;  // a named pipe, opened non-blocking: every wait for it is bounded
    std::chrono::milliseconds pipe_wait_ = kPipeWait;
};

class MemorySource final : public ByteSource {
  public:
    explicit MemorySource(std::string_view data) : data_(data) {}
    core::Result<size_t> Read(char* into, size_t size) override;
    std::optional<uint64_t> SizeHint() const override { return data_.size(); }
    std::unique_ptr<ByteSource> ReadAgain() const override { return std::make_unique<MemorySource>(data_); }

  private:
    std::string_view data_;
    size_t offset_ = 0;
};

}  // namespace did::ingest
