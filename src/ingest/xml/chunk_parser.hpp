// XmlChunkParser: reads the DIDSRecords of one chunk of an XML submission (a run of bytes
// inside the root element that starts at a DIDSRecord) with expat, through a RecordBuilder, into
// a ChunkResult, as CsvChunkParser does for CSV lines. The chunk is parsed on its own: expat is
// fed a `<DIDS>` start tag, then the chunk's bytes. One per worker thread.
#pragma once

#include <cstdint>
#include <string_view>

#include "ingest/xml/expat.hpp"
#include "ingest/xml/record_builder.hpp"
#include "validate/chunk_result.hpp"

namespace did::ingest::xml {

class XmlChunkParser {
  public:
    // Without `plain_reader`, expat reads every chunk (see plain_reader.hpp).
    XmlChunkParser(const validate::RecordValidator& validator, bool keep_accepted, bool plain_reader = true)
        : builder_(validator, keep_accepted), plain_reader_(plain_reader) {}

    // Reads the DIDSRecords that start in [begin, stop) of `buffer`, the last of them possibly
    // running past `stop`. `out.end` is where the next DIDSRecord starts (or the buffer's end).
    // Without `at_eof`, stops with `needs_more_data` at a DIDSRecord cut by the buffer's end,
    // `out.end` after the last one closed. A file error ends the chunk, in `out.unreadable`.
    // `first_column` is the column (0-based) of `begin` in its line, for the findings.
    void Parse(std::string_view buffer, size_t begin, size_t stop, bool at_eof, bool structure_only,
               uint64_t first_column, validate::ChunkResult& out);

  private:
    static void OnStart(void* data, const XML_Char* name, const XML_Char** attributes);
    static void OnEnd(void* data, const XML_Char* name);
    static void OnText(void* data, const XML_Char* text, int length);
    void Stop(validate::Finding finding);
    // Offset in the buffer of the event expat is reporting.
    size_t EventOffset() const;

    Parser parser_;
    RecordBuilder builder_;
    bool plain_reader_;
    // The chunk being parsed.
    std::string_view buffer_;
    size_t begin_ = 0;
    size_t stop_ = 0;
    uint64_t first_column_ = 0;
    size_t boundary_ = 0;           // after the last DIDSRecord closed
    size_t stopped_at_ = SIZE_MAX;  // the DIDSRecord at or after `stop_`
    validate::ChunkResult* out_ = nullptr;
};

}  // namespace did::ingest::xml
