// ChunkValidator: takes the records of one chunk in order (from whichever reader cut
// them out) and builds its ChunkResult: findings, counts, the keys DIDS071 needs and,
// when asked, the accepted records. One per worker thread.
#pragma once

#include <string_view>

#include "validate/chunk_result.hpp"
#include "validate/record_validator.hpp"

namespace did::validate {

class ChunkValidator {
  public:
    ChunkValidator(const RecordValidator& validator, bool keep_accepted)
        : validator_(validator), keep_accepted_(keep_accepted) {}

    // Starts a chunk; `out` is cleared and filled by the calls that follow.
    void Begin(ChunkResult& out);

    // A record with exactly 18 columns, starting on (chunk-relative) `line`; see
    // RecordValidator::Validate for `may_hold_control`.
    void Record(RecordFields fields, uint64_t line, bool may_hold_control = true);
    // A line that cannot be a record: the wrong column count, or unreadable quoting.
    void BadRecord(uint64_t line, uint32_t columns, std::string_view reason);
    // A line with nothing on it.
    void EmptyLine(uint64_t line);

    // Once the file is known to be rejected, records are no longer checked, only counted.
    void set_structure_only(bool structure_only) { structure_only_ = structure_only; }

  private:
    void FlushEmptyRun();

    const RecordValidator& validator_;
    bool keep_accepted_;
    bool structure_only_ = false;
    ChunkResult* out_ = nullptr;
    RecordFacts facts_;
};

// The message for a DIDS075 line.
std::string ColumnCountMessage(uint32_t columns, std::string_view reason);

}  // namespace did::validate
