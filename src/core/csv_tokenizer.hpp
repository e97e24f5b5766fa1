// CsvTokenizer: reads one CSV record at a time from a byte buffer, by the DID fine print
// (RFC 4180 quoting; a quote opens a field only after optional spaces; spaces around a
// quoted value are allowed; LF or CRLF ends a line, a lone CR is data; spaces, and only
// spaces, are trimmed from both ends of every field). Used for submissions and reference
// files alike. One instance per thread: it owns scratch space for unescaped fields.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace did::core {

struct CsvRecord {
    size_t next = 0;           // offset just past the record's line end (or the buffer's end)
    uint32_t line_breaks = 0;  // LFs consumed, the terminating one included
    uint32_t columns = 0;      // fields found; may exceed the capacity the caller gave
    bool empty_line = false;   // nothing at all before the line end
    bool ascii = false;        // no byte above 0x7F: valid UTF-8 without further checking
    std::string_view error;    // set when the record cannot be read as columns (bad quoting)
};

enum class CsvStatus {
    kRecord,        // `record` and the fields are filled in
    kNeedMoreData,  // the record runs past the buffer's end and more data may follow
};

class CsvTokenizer {
  public:
    // Reads the record that starts at `pos`. Fields beyond `fields.size()` are counted, not
    // kept. The views point into `buffer` or into this tokenizer's scratch space, and stay
    // valid until the next call. With `at_eof`, the buffer's end ends the last record.
    CsvStatus Next(std::string_view buffer, size_t pos, bool at_eof, std::span<std::string_view> fields,
                   CsvRecord& record);

  private:
    CsvStatus NextQuoted(std::string_view buffer, size_t pos, bool at_eof, std::span<std::string_view> fields,
                         CsvRecord& record);

    std::string scratch_;
    struct ScratchField {
        uint32_t column;
        uint32_t offset;
        uint32_t size;
    };
    std::vector<ScratchField> scratch_fields_;
};

}  // namespace did::core
