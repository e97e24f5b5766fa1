#include "validate/chunk_result.hpp"

namespace did::validate {

void ChunkResult::Clear() {
    begin = end = 0;
    needs_more_data = false;
    line_breaks = records = rejected = warned = 0;
    findings.clear();
    file_errors.clear();
    bad_utf8_line.reset();
    unreadable.reset();
    trailing_empty = {};
    keys.clear();
    key_arena.clear();
    accepted.Clear();
}

}  // namespace did::validate
