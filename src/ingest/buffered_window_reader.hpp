// BufferedWindowReader: the WindowReader for sources that cannot be mapped (standard input,
// pipes, memory, a hashing wrapper). Two buffers, so the next block can be read while the
// current window is validated; each buffer keeps some headroom in front of its data, so the
// tail (usually part of one record) is joined to the next block without moving the block.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "ingest/byte_source.hpp"
#include "ingest/window_reader.hpp"

namespace did::ingest {

class BufferedWindowReader final : public WindowReader {
  public:
    BufferedWindowReader(ByteSource& source, size_t window_bytes);

    core::Result<std::string_view> Fill() override;
    core::Status Prefetch() override;
    core::Status Consume(size_t bytes) override;
    core::Status Grow() override;

    size_t window_bytes() const override { return window_; }
    bool at_eof() const override { return source_eof_ && !prefetched_; }
    uint64_t bytes_read() const override { return total_; }

  private:
    // Reads into `buffer` at `at` until `limit` bytes are there or the source ends.
    core::Result<size_t> ReadInto(std::vector<char>& buffer, size_t at, size_t limit);

    ByteSource& source_;
    size_t window_;
    static constexpr size_t kHeadroom = size_t{64} << 10;
    std::vector<char> current_;  // [headroom: kHeadroom][data: window_]
    std::vector<char> spare_;
    size_t begin_ = 0;  // the current window within current_
    size_t end_ = 0;
    bool started_ = false;
    bool prefetched_ = false;  // spare_ holds the next block at [kHeadroom, kHeadroom + spare_size_)
    size_t spare_size_ = 0;
    bool source_eof_ = false;
    uint64_t total_ = 0;
};

}  // namespace did::ingest
