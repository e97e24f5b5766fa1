// WindowReader: a source seen as a sliding window of bytes. The pipeline validates the
// records in the window, consumes them, and the unconsumed tail (a record cut in two)
// begins the next window. Two buffers, so the next block can be read (Prefetch, from any
// one thread) while the current window is still being validated; each buffer keeps some
// headroom in front of its data, so the tail (usually part of one record) is joined to the
// next block without moving the block. Measured faster here than mapping the file, whose page faults
// cost more than the copy. Fill/Consume/Grow from one thread; Prefetch may run on another
// while the current window is only read.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "ingest/byte_source.hpp"

namespace did::ingest {

class WindowReader {
  public:
    WindowReader(ByteSource& source, size_t window_bytes);

    // The current window: a full window of unconsumed bytes unless the source ends sooner.
    core::Result<std::string_view> Fill();
    // Reads the block that follows the current window into the spare buffer.
    core::Status Prefetch();
    // Drops the first `bytes` of the window; the rest, then the next block, make the next one.
    core::Status Consume(size_t bytes);
    // Doubles the window, for a record longer than it.
    core::Status Grow();

    size_t window_bytes() const { return window_; }
    // True when nothing follows the current window.
    bool at_eof() const { return source_eof_ && !prefetched_; }
    uint64_t bytes_read() const { return total_; }

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
