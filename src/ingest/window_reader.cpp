#include "ingest/window_reader.hpp"

#include <algorithm>
#include <cstring>

namespace did::ingest {

WindowReader::WindowReader(ByteSource& source, size_t window_bytes)
    : source_(source), window_(window_bytes), current_(2 * window_bytes), spare_(2 * window_bytes) {}

core::Result<size_t> WindowReader::ReadInto(std::vector<char>& buffer, size_t at, size_t limit) {
    size_t filled = 0;
    while (filled < limit && !source_eof_) {
        auto n = source_.Read(buffer.data() + at + filled, limit - filled);
        if (!n) return core::Fail(n.error());
        if (*n == 0) source_eof_ = true;
        filled += *n;
        total_ += *n;
    }
    return filled;
}

core::Result<std::string_view> WindowReader::Fill() {
    if (!started_) {
        started_ = true;
        auto n = ReadInto(current_, window_, window_);
        if (!n) return core::Fail(n.error());
        begin_ = window_;
        end_ = window_ + *n;
    }
    return std::string_view(current_.data() + begin_, end_ - begin_);
}

core::Status WindowReader::Prefetch() {
    if (prefetched_ || source_eof_) return {};
    auto n = ReadInto(spare_, window_, window_);
    if (!n) return core::Fail(n.error());
    spare_size_ = *n;
    prefetched_ = true;
    return {};
}

core::Status WindowReader::Consume(size_t bytes) {
    if (auto status = Prefetch(); !status) return status;
    const size_t carry = end_ - (begin_ + bytes);
    if (carry > window_) {
        // Only after Grow(): the tail outgrew the headroom, so make room.
        spare_.resize(window_ + carry + spare_size_);
        std::memmove(spare_.data() + carry, spare_.data() + window_, spare_size_);
        std::memcpy(spare_.data(), current_.data() + begin_ + bytes, carry);
        begin_ = 0;
        end_ = carry + spare_size_;
    } else {
        std::memcpy(spare_.data() + window_ - carry, current_.data() + begin_ + bytes, carry);
        begin_ = window_ - carry;
        end_ = window_ + (prefetched_ ? spare_size_ : 0);
    }
    current_.swap(spare_);
    prefetched_ = false;
    spare_size_ = 0;
    if (spare_.size() < 2 * window_) spare_.resize(2 * window_);
    return {};
}

core::Status WindowReader::Grow() {
    // Join whatever was prefetched to the window, then read on until it is twice the size.
    const size_t size = end_ - begin_;
    const size_t prefetched_at = window_;
    window_ *= 2;
    const size_t pending = prefetched_ ? spare_size_ : 0;
    std::vector<char> grown(window_ + std::max(window_, size + pending));
    std::memcpy(grown.data() + window_, current_.data() + begin_, size);
    size_t filled = size;
    if (prefetched_) {
        std::memcpy(grown.data() + window_ + filled, spare_.data() + prefetched_at, spare_size_);
        filled += spare_size_;
        prefetched_ = false;
        spare_size_ = 0;
    }
    if (filled < window_) {
        auto n = ReadInto(grown, window_ + filled, window_ - filled);
        if (!n) return core::Fail(n.error());
        filled += *n;
    }
    current_.swap(grown);
    begin_ = window_;
    end_ = window_ + filled;
    spare_.assign(2 * window_, 0);
    return {};
}

}  // namespace did::ingest
