// ReadPlainChunk: the fast path for a chunk of an XML submission written in the plain XML that
// `did generate` and most RIS exports write: start and end tags without attributes, element
// text without references, CDATA, comments or bytes above 0x7F, LF or CRLF line ends. It drives
// the same RecordBuilder as the expat path, and gives up (returns false) at the first thing
// outside that subset or the first fault of any kind, so that expat then reads the chunk and
// says what is wrong: it never decides that a file is good XML that expat would refuse, and
// never reports a finding of its own. Pure function of its arguments.
#pragma once

#include <cstddef>
#include <string_view>

#include "ingest/xml/record_builder.hpp"
#include "validate/chunk_result.hpp"

namespace did::ingest::xml {

// As XmlChunkParser::Parse, through `builder` (begun on `out`); false when expat must read the
// chunk instead (`out` is then to be cleared and filled again).
bool ReadPlainChunk(std::string_view buffer, size_t begin, size_t stop, bool at_eof, RecordBuilder& builder,
                    validate::ChunkResult& out);

}  // namespace did::ingest::xml
