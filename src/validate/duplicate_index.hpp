// DuplicateIndex: every (accession number, site code) pair seen so far in a file, for
// DIDS071. The one structure whose memory grows with the file. Split into partitions by
// hash so that several threads can each own one partition and still mark duplicates in
// exact file order. A partition must only ever be used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "validate/chunk_result.hpp"

namespace did::validate {

class DuplicateIndex {
  public:
    explicit DuplicateIndex(size_t partitions);
    ~DuplicateIndex();
    DuplicateIndex(const DuplicateIndex&) = delete;
    DuplicateIndex& operator=(const DuplicateIndex&) = delete;

    size_t partitions() const { return partitions_.size(); }

    // Sizes the tables for about this many pairs up front, so they need not grow and rehash.
    void Reserve(uint64_t expected_keys);

    // Goes through the keys of `chunks`, in order, that belong to `partition`: the first
    // occurrence of a pair is remembered, each later one marked `duplicate` with the line of
    // the first. `line_base[i]` is the file line on which chunk i starts.
    void MarkPartition(size_t partition, std::span<ChunkResult* const> chunks, std::span<const uint64_t> line_base);

    uint64_t size() const;
    uint64_t bytes() const;

  private:
    struct Partition;
    std::vector<std::unique_ptr<Partition>> partitions_;
};

}  // namespace did::validate
