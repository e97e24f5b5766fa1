// MappedWindowReader: the WindowReader for a regular file, which it maps window by window
// instead of copying. Reading a month's file through `read` cost a seventh of validation's CPU
// in the kernel's copy; a populated mapping of the same bytes costs a quarter of that. The
// next window is mapped (Prefetch) from a little before the current one ends, so the tail of
// a record cut in two is simply mapped twice. At most three windows are mapped at any time
// (the one before, the current one, the next), so memory stays flat whatever the file's size.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "ingest/file_region.hpp"
#include "ingest/window_reader.hpp"

namespace did::ingest {

class MappedWindowReader final : public WindowReader {
  public:
    // `fd` is read from offset 0 to `file_size`; it must outlive the reader.
    MappedWindowReader(int fd, uint64_t file_size, size_t window_bytes);

    core::Result<std::string_view> Fill() override;
    core::Status Prefetch() override;
    core::Status Consume(size_t bytes) override;
    core::Status Grow() override;

    size_t window_bytes() const override { return window_; }
    bool at_eof() const override { return started_ && current_.end() == file_size_; }
    uint64_t bytes_read() const override { return std::max(current_.end(), next_.end()); }

  private:
    // Maps [offset, offset + length) clipped to the file.
    core::Result<FileRegion> MapClipped(uint64_t offset, uint64_t length) const;

    // A tail longer than this (a record longer than any real one) is mapped afresh.
    static constexpr uint64_t kOverlap = uint64_t{64} << 10;
    int fd_;
    uint64_t file_size_;
    size_t window_;
    bool started_ = false;
    FileRegion current_;  // the window is current_.bytes() from position_ on
    uint64_t position_ = 0;
    FileRegion next_;     // mapped by Prefetch; empty when not
    FileRegion retired_;  // the window before, unmapped by the next Prefetch (off the main thread)
};

}  // namespace did::ingest
