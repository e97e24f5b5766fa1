#include "core/zeroed_array.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <new>

namespace did::core {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

}  // namespace

ZeroedPages::ZeroedPages(size_t bytes) {
    if (bytes == 0) return;
    // Huge pages need 2 MiB alignment, which mmap does not promise: map a huge page more than
    // asked for and give back the ends.
    const size_t padded = bytes + kHugePage;
    void* raw = ::mmap(nullptr, padded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<uintptr_t>(raw);  // NOLINT(performance-no-int-to-ptr)
    const uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
    const uintptr_t end = (aligned + bytes + 4095) & ~uintptr_t{4095};
    if (aligned > start) ::munmap(raw, aligned - start);
    if (start + padded > end) ::munmap(reinterpret_cast<void*>(end), start + padded - end);  // NOLINT
    base_ = reinterpret_cast<void*>(aligned);                                                // NOLINT
    bytes_ = end - aligned;
    // Advice only: without transparent huge pages this is an ordinary mapping.
    (void)::madvise(base_, bytes_, MADV_HUGEPAGE);
}

ZeroedPages& ZeroedPages::operator=(ZeroedPages&& other) noexcept {
    if (this != &other) {
        if (base_ != nullptr) ::munmap(base_, bytes_);
        base_ = std::exchange(other.base_, nullptr);
        bytes_ = std::exchange(other.bytes_, 0);
    }
    return *this;
}

ZeroedPages::~ZeroedPages() {
    if (base_ != nullptr) ::munmap(base_, bytes_);
}

}  // namespace did::core
