#include "ingest/buffered_window_reader.hpp"

#include <algorithm>
#include <cstring>

namespace did::ingest {

BufferedWindowReader::BufferedWindowReader(ByteSource& source, size_t window_bytes)
    : source_(source), window_(window_bytes), current_(kHeadroom + window_bytes), spare_(kHeadroom + window_bytes) {}

core::Result<size_t> BufferedWindowReader::ReadInto(std::vector<char>& buffer, size_t at, size_t limit) {
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

core::Result<std::string_view> BufferedWindowReader::Fill() {
    if (!started_) {
        started_ = true;
        auto n = ReadInto(current_, kHeadroom, window_);
        if (!n) return core::Fail(n.error());
        begin_ = kHeadroom;
        end_ = kHeadroom + *n;
    }
    return std::string_view(current_.data() + begin_, end_ - begin_);
}

core::Status BufferedWindowReader::Prefetch() {
    if (prefetched_ || source_eof_) return {};
    auto n = ReadInto(spare_, kHeadroom, window_);
    if (!n) return core::Fail(n.error());
    spare_size_ = *n;
    prefetched_ = true;
    return {};
}

core::Status BufferedWindowReader::Consume(size_t bytes) {
    if (auto status = Prefetch(); !status) return status;
    const size_t carry = end_ - (begin_ + bytes);
    if (carry > kHeadroom) {
        // A long tail (a record longer than the headroom): make room in front of the block.
        spare_.resize(carry + std::max(spare_size_, window_));
        std::memmove(spare_.data() + carry, spare_.data() + kHeadroom, spare_size_);
        std::memcpy(spare_.data(), current_.data() + begin_ + bytes, carry);
        begin_ = 0;
        end_ = carry + spare_size_;
    } else {
        std::memcpy(spare_.data() + kHeadroom - carry, current_.data() + begin_ + bytes, carry);
        begin_ = kHeadroom - carry;
        end_ = kHeadroom + spare_size_;
    }
    current_.swap(spare_);
    prefetched_ = false;
    spare_size_ = 0;
    if (spare_.size() < kHeadroom + window_) spare_.resize(kHeadroom + window_);
    return {};
}

core::Status BufferedWindowReader::Grow() {
    // Join whatever was prefetched to the window, then read on until it is twice the size.
    const size_t size = end_ - begin_;
    window_ *= 2;
    const size_t pending = prefetched_ ? spare_size_ : 0;
    std::vector<char> grown(kHeadroom + std::max(window_, size + pending));
    std::memcpy(grown.data() + kHeadroom, current_.data() + begin_, size);
    size_t filled = size;
    if (prefetched_) {
        std::memcpy(grown.data() + kHeadroom + filled, spare_.data() + kHeadroom, spare_size_);
        filled += spare_size_;
        prefetched_ = false;
        spare_size_ = 0;
    }
    if (filled < window_) {
        auto n = ReadInto(grown, kHeadroom + filled, window_ - filled);
        if (!n) return core::Fail(n.error());
        filled += *n;
    }
    current_.swap(grown);
    begin_ = kHeadroom;
    end_ = kHeadroom + filled;
    spare_.assign(kHeadroom + window_, 0);
    return {};
}

}  // namespace did::ingest
