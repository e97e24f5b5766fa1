// Spool: an upload copied to a private temporary file as it arrives, hashed (SHA-256) and
// size-capped on the way, so that what is validated and stored is exactly what was
// received, and a file sent twice is recognised. The file has no name on disk and vanishes
// with the spool. One owner; Open() may be called more than once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "ingest/byte_source.hpp"

namespace did::ingest {

class Spool {
  public:
    // Reads `source` to its end into a temporary file in `directory`. Fails, keeping nothing,
    // when the input is larger than `max_bytes`.
    static core::Result<std::unique_ptr<Spool>> Create(ByteSource& source, const std::string& directory,
                                                       uint64_t max_bytes);
    ~Spool();
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;

    const std::string& sha256() const { return sha256_; }
    uint64_t size() const { return size_; }
    // A fresh reader from the first byte.
    std::unique_ptr<ByteSource> Open() const;

  private:
    Spool(int fd, std::string sha256, uint64_t size) : fd_(fd), sha256_(std::move(sha256)), size_(size) {}
    int fd_;
    std::string sha256_;
    uint64_t size_;
};

}  // namespace did::ingest
