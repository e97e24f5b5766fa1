#include "ingest/csv/chunk_parser.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace did::ingest {

uint64_t CountLineFeeds(std::string_view text) {
    return static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
}

void CsvChunkParser::Parse(std::string_view buffer, size_t begin, size_t stop, bool at_eof, bool structure_only,
                           validate::ChunkResult& out) {
    validator_.Begin(out);
    validator_.set_structure_only(structure_only);
    out.begin = begin;
    size_t pos = begin;
    uint64_t line = 0;
    core::CsvRecord record;
    const size_t end = std::min(stop, buffer.size());
    while (pos < end) {
        if (tokenizer_.Next(buffer, pos, at_eof, fields_, record) == core::CsvStatus::kNeedMoreData) {
            out.needs_more_data = true;
            break;
        }
        if (!record.ascii) {
            // Only records with bytes above 0x7F need the full UTF-8 check.
            const std::string_view bytes = buffer.substr(pos, record.next - pos);
            if (const auto bad = core::FindInvalidUtf8(bytes)) {
                out.bad_utf8_line = line + CountLineFeeds(bytes.substr(0, *bad));
                break;
            }
        }
        if (record.empty_line) {
            validator_.EmptyLine(line);
        } else if (!record.error.empty() || record.columns != core::kFieldCount) {
            validator_.BadRecord(line, record.columns, record.error);
        } else {
            validator_.Record(fields_, line);
        }
        line += record.line_breaks;
        pos = record.next;
    }
    out.end = pos;
    out.line_breaks = line;
}

}  // namespace did::ingest
