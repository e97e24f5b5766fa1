// CsvChunkParser: cuts the records of one chunk out of a buffer of CSV bytes and hands
// them to a ChunkValidator; also checks the chunk's bytes are UTF-8 and tells the validator
// which records may hold a control character. One per worker thread (it owns a tokenizer
// and a validator's scratch state).
#pragma once

#include <array>
#include <string_view>

#include "core/csv_tokenizer.hpp"
#include "validate/chunk_validator.hpp"

namespace did::ingest {

class CsvChunkParser {
  public:
    CsvChunkParser(const validate::RecordValidator& validator, bool keep_accepted)
        : validator_(validator, keep_accepted) {}

    // Parses the records that start in [begin, stop), the last of them possibly running past
    // `stop`. Stops early, with `needs_more_data`, at a record that runs past the buffer's end
    // when more bytes may follow (`at_eof` false).
    void Parse(std::string_view buffer, size_t begin, size_t stop, bool at_eof, bool structure_only,
               validate::ChunkResult& out);

  private:
    // Whether buffer[from, to), one record, may hold a control character. The buffer is
    // scanned ahead in blocks, once, rather than record by record.
    bool MayHoldControl(std::string_view buffer, size_t from, size_t to);

    core::CsvTokenizer tokenizer_;
    size_t scanned_to_ = 0;    // buffer[.., scanned_to_) has been scanned
    size_t next_control_ = 0;  // where the scan stopped on a possible control character, or npos
    validate::ChunkValidator validator_;
    std::array<std::string_view, core::kFieldCount> fields_{};
};

// Number of LF bytes in `text`.
uint64_t CountLineFeeds(std::string_view text);

}  // namespace did::ingest
