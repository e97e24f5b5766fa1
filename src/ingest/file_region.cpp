#include "ingest/file_region.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace did::ingest {

core::Result<FileRegion> FileRegion::Map(int fd, uint64_t offset, size_t length) {
    FileRegion region;
    region.offset_ = offset;
    region.length_ = length;
    if (length == 0) return region;
    static const auto page_size = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
    const uint64_t aligned = offset - offset % page_size;
    region.lead_ = static_cast<size_t>(offset - aligned);
    void* base =
        ::mmap(nullptr, region.lead_ + length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, static_cast<off_t>(aligned));
    if (base == MAP_FAILED) {
        return core::Fail(
            core::Error::IoError(std::string("cannot map the file into memory: ") + std::strerror(errno)));
    }
    region.base_ = static_cast<char*>(base);
    return region;
}

FileRegion& FileRegion::operator=(FileRegion&& other) noexcept {
    if (this != &other) {
        Release();
        base_ = std::exchange(other.base_, nullptr);
        lead_ = other.lead_;
        length_ = std::exchange(other.length_, 0);
        offset_ = other.offset_;
    }
    return *this;
}

void FileRegion::Release() {
    if (base_ != nullptr) ::munmap(base_, lead_ + length_);
    base_ = nullptr;
}

}  // namespace did::ingest
