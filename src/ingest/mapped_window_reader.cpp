#include "ingest/mapped_window_reader.hpp"

#include <algorithm>

namespace did::ingest {

MappedWindowReader::MappedWindowReader(int fd, uint64_t file_size, size_t window_bytes)
    : fd_(fd), file_size_(file_size), window_(window_bytes) {}

core::Result<FileRegion> MappedWindowReader::MapClipped(uint64_t offset, uint64_t length) const {
    const uint64_t end = std::min(file_size_, offset + length);
    return FileRegion::Map(fd_, offset, static_cast<size_t>(end - offset));
}

core::Result<std::string_view> MappedWindowReader::Fill() {
    if (!started_) {
        auto region = MapClipped(0, window_);
        if (!region) return core::Fail(region.error());
        current_ = std::move(*region);
        started_ = true;
    }
    return current_.bytes().substr(static_cast<size_t>(position_ - current_.offset()));
}

core::Status MappedWindowReader::Prefetch() {
    retired_ = FileRegion();  // unmapped here, on whichever thread prefetches, not in Consume
    if (!next_.empty() || current_.end() == file_size_) return {};
    const uint64_t from = current_.end() - std::min(current_.end(), kOverlap);
    auto region = MapClipped(from, kOverlap + window_);
    if (!region) return core::Fail(region.error());
    next_ = std::move(*region);
    return {};
}

core::Status MappedWindowReader::Consume(size_t bytes) {
    if (auto status = Prefetch(); !status) return status;
    position_ += bytes;
    if (position_ >= next_.offset() && !next_.empty()) {
        retired_ = std::move(current_);
        current_ = std::move(next_);
        next_ = FileRegion();
    } else if (current_.end() < file_size_) {
        // A tail longer than the overlap: map from it, as far again as a window.
        next_ = FileRegion();
        auto region = MapClipped(position_, current_.end() - position_ + window_);
        if (!region) return core::Fail(region.error());
        current_ = std::move(*region);
    }
    return {};
}

core::Status MappedWindowReader::Grow() {
    window_ *= 2;
    next_ = FileRegion();
    auto region = MapClipped(position_, window_);
    if (!region) return core::Fail(region.error());
    current_ = std::move(*region);
    return {};
}

}  // namespace did::ingest
