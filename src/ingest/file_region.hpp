// FileRegion: a range of a regular file mapped read-only into memory, unmapped when the
// region goes. Populated up front: one call faults the whole range in, which costs far less
// than a page fault per page taken while the range is scanned. The file must not shrink
// while mapped (the kernel would raise SIGBUS); submissions are read from spool files the
// service owns, and `did validate` from a file the user has just written.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/error.hpp"

namespace did::ingest {

class FileRegion {
  public:
    FileRegion() = default;
    // Maps bytes [offset, offset + length) of `fd`.
    static core::Result<FileRegion> Map(int fd, uint64_t offset, size_t length);
    FileRegion(FileRegion&& other) noexcept { *this = std::move(other); }
    FileRegion& operator=(FileRegion&& other) noexcept;
    FileRegion(const FileRegion&) = delete;
    FileRegion& operator=(const FileRegion&) = delete;
    ~FileRegion() { Release(); }

    // The mapped bytes, starting at the offset asked for.
    std::string_view bytes() const { return {base_ + lead_, length_}; }
    uint64_t offset() const { return offset_; }
    uint64_t end() const { return offset_ + length_; }
    bool empty() const { return base_ == nullptr; }

  private:
    void Release();

    char* base_ = nullptr;  // page-aligned start of the mapping
    size_t lead_ = 0;       // bytes from base_ to the offset asked for
    size_t length_ = 0;
    uint64_t offset_ = 0;
};

}  // namespace did::ingest
