// WindowReader: a source seen as a sliding window of bytes. The pipeline validates the
// records in the window, consumes them, and the unconsumed tail (a record cut in two)
// begins the next window. The next block can be made ready (Prefetch, from any one thread)
// while the current window is still being validated. Fill/Consume/Grow from one thread;
// Prefetch may run on another while the current window is only read. A window's bytes are
// valid until the next Consume or Grow.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/error.hpp"
#include "ingest/byte_source.hpp"

namespace did::ingest {

class WindowReader {
  public:
    // Maps a regular file in place (no copy); reads anything else into buffers.
    static std::unique_ptr<WindowReader> For(ByteSource& source, size_t window_bytes);
    virtual ~WindowReader() = default;

    // The current window: a full window of unconsumed bytes unless the source ends sooner.
    virtual core::Result<std::string_view> Fill() = 0;
    // Makes the block that follows the current window ready.
    virtual core::Status Prefetch() = 0;
    // Drops the first `bytes` of the window; the rest, then the next block, make the next one.
    virtual core::Status Consume(size_t bytes) = 0;
    // Doubles the window, for a record longer than it.
    virtual core::Status Grow() = 0;

    virtual size_t window_bytes() const = 0;
    // True when nothing follows the current window.
    virtual bool at_eof() const = 0;
    virtual uint64_t bytes_read() const = 0;
};

}  // namespace did::ingest
