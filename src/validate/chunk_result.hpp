// ChunkResult: what validating one run of consecutive records produced, before it is
// merged, in file order, into the file's report. Line numbers in it are relative to the
// chunk's first line (0-based) until the merge adds the chunk's starting line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "validate/accepted_batch.hpp"
#include "validate/finding.hpp"
#include "validate/record_validator.hpp"

namespace did::validate {

// One record's (accession number, site code) pair, for DIDS071 across the whole file.
struct DuplicateKey {
    uint64_t hash = 0;
    uint64_t line = 0;
    uint32_t key_offset = 0;  // into ChunkResult::key_arena, as duplicate_key.hpp writes it
    uint32_t key_size = 0;
    int32_t accepted_index = -1;  // into accepted.records(), when the record was kept
    RecordOutcome outcome = RecordOutcome::kClean;
    bool duplicate = false;   // set by DuplicateIndex
    uint64_t first_line = 0;  // where the pair was first seen, set with `duplicate` (global)
};

// A run of empty lines: ignored at the end of the file, DIDS075 when records follow.
struct EmptyRun {
    uint64_t first_line = 0;
    uint64_t count = 0;
};

struct ChunkResult {
    // Extent in the buffer the chunk was cut from.
    size_t begin = 0;
    size_t end = 0;
    bool needs_more_data = false;  // stopped at a record that runs past the buffer's end
    uint64_t line_breaks = 0;      // LFs in [begin, end)

    uint64_t records = 0;  // data records, empty lines not counted
    uint64_t rejected = 0;
    uint64_t warned = 0;
    std::vector<Finding> findings;     // by line, then rule
    std::vector<Finding> file_errors;  // DIDS075, by line
    std::optional<uint64_t> bad_utf8_line;
    // XML: the finding that ends reading the file (its line chunk-relative); nothing else counts.
    std::optional<Finding> unreadable;
    EmptyRun trailing_empty;  // empty lines after the chunk's last record

    std::vector<DuplicateKey> keys;
    std::string key_arena;
    AcceptedBatch accepted;

    void Clear();
};

}  // namespace did::validate
