// ZeroedArray: a large array of plain values, zero-filled, mapped straight from the kernel
// and asking for 2 MiB pages (transparent huge pages, where the kernel grants them on
// request). For the DIDS071 index: random probes across tens of megabytes miss the TLB far
// less on huge pages, and a fresh mapping is zero already, so there is no zeroing pass on
// the thread that allocates it; pages arrive when first touched, on whichever thread
// touches them. Move-only; not thread-safe.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace did::core {

// The untyped mapping; throws std::bad_alloc when the kernel refuses.
class ZeroedPages {
  public:
    ZeroedPages() = default;
    explicit ZeroedPages(size_t bytes);
    ZeroedPages(ZeroedPages&& other) noexcept
        : base_(std::exchange(other.base_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}
    ZeroedPages& operator=(ZeroedPages&& other) noexcept;
    ZeroedPages(const ZeroedPages&) = delete;
    ZeroedPages& operator=(const ZeroedPages&) = delete;
    ~ZeroedPages();

    void* data() const { return base_; }

  private:
    void* base_ = nullptr;
    size_t bytes_ = 0;
};

template <typename T>
class ZeroedArray {
    static_assert(std::is_trivial_v<T>, "zero bytes must be a valid T");

  public:
    ZeroedArray() = default;
    explicit ZeroedArray(size_t size) : pages_(size * sizeof(T)), size_(size) {}
    ZeroedArray(ZeroedArray&& other) noexcept : pages_(std::move(other.pages_)), size_(std::exchange(other.size_, 0)) {}
    ZeroedArray& operator=(ZeroedArray&& other) noexcept {
        pages_ = std::move(other.pages_);
        size_ = std::exchange(other.size_, 0);
        return *this;
    }

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    T* data() const { return static_cast<T*>(pages_.data()); }
    T& operator[](size_t i) const { return data()[i]; }
    T* begin() const { return data(); }
    T* end() const { return data() + size_; }

  private:
    ZeroedPages pages_;
    size_t size_ = 0;
};

}  // namespace did::core
