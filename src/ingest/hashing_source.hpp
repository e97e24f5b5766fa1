// HashingSource: reads another source and takes its SHA-256 and size on the way, refusing
// to go past a size cap. It lets a regular file be validated and stored in a single pass,
// with no spool copy: the bytes hashed are exactly the bytes validated. One reader.
#pragma once

#include <memory>
#include <string>

#include "core/sha256.hpp"
#include "ingest/byte_source.hpp"

namespace did::ingest {

class HashingSource final : public ByteSource {
  public:
    HashingSource(std::unique_ptr<ByteSource> inner, uint64_t max_bytes)
        : inner_(std::move(inner)), max_bytes_(max_bytes) {}

    // Fails with kInvalidArgument, saying the limit, once the input grows past `max_bytes`.
    core::Result<size_t> Read(char* into, size_t size) override;
    std::optional<uint64_t> SizeHint() const override { return inner_->SizeHint(); }
    core::Status CheckUnchanged() const override { return inner_->CheckUnchanged(); }
    std::unique_ptr<ByteSource> ReadAgain() const override { return inner_->ReadAgain(); }

    // Reads whatever the reader left unread (validation stops early in a broken file), then
    // gives the digest as 64 hex characters. Call once, after reading is over.
    core::Result<std::string> FinishDigest();
    uint64_t bytes() const { return bytes_; }

  private:
    std::unique_ptr<ByteSource> inner_;
    uint64_t max_bytes_;
    uint64_t bytes_ = 0;
    core::Sha256 hasher_;
};

}  // namespace did::ingest
