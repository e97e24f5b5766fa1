#include "ingest/csv/chunk_parser.hpp"

#include <algorithm>

#include "core/control_characters.hpp"
#include "core/utf8.hpp"

namespace did::ingest {
namespace {

// Large enough that the scan runs at memory speed, small enough that scanning past the
// chunk's end (into the next chunk's records) costs little.
constexpr size_t kScanBlock = size_t{16} << 10;

}  // namespace

uint64_t CountLineFeeds(std::string_view text) {
    return static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
}

void CsvChunkParser::Parse(std::string_view buffer, size_t begin, size_t stop, bool at_eof, bool structure_only,
                           validate::ChunkResult& out) {
    validator_.Begin(out);
    validator_.set_structure_only(structure_only);
    scanned_to_ = begin;
    next_control_ = std::string_view::npos;
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
            // A record over several lines has a line break inside quotes: a control character
            // the scan passes over as a line end.
            validator_.Record(fields_, line, record.line_breaks > 1 || MayHoldControl(buffer, pos, record.next));
        }
        line += record.line_breaks;
        pos = record.next;
    }
    out.end = pos;
    out.line_breaks = line;
}

bool CsvChunkParser::MayHoldControl(std::string_view buffer, size_t from, size_t to) {
    if (next_control_ < from) {  // behind us: nothing is known past it
        scanned_to_ = from;
        next_control_ = std::string_view::npos;
    }
    while (next_control_ == std::string_view::npos && scanned_to_ < to) {
        const size_t block_end = std::min(buffer.size(), std::max(to, scanned_to_ + kScanBlock));
        const std::string_view block = buffer.substr(scanned_to_, block_end - scanned_to_);
        const size_t found = core::FindPossibleControl(block);
        if (found < block.size()) next_control_ = scanned_to_ + found;
        scanned_to_ = found < block.size() ? next_control_ : block_end;
    }
    return next_control_ < to;
}

}  // namespace did::ingest
