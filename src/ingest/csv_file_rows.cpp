#include "ingest/csv_file_rows.hpp"

#include <vector>

#include "core/csv_tokenizer.hpp"
#include "ingest/window_reader.hpp"

namespace did::ingest {

core::Status ForEachCsvFileRow(
    ByteSource& source, size_t max_columns,
    const std::function<core::Result<bool>(uint64_t, std::span<const std::string_view>, uint32_t)>& visit) {
    const auto reader = WindowReader::For(source, size_t{4} << 20);
    core::CsvTokenizer tokenizer;
    std::vector<std::string_view> fields(max_columns);
    core::CsvRecord record;
    uint64_t line = 1;
    bool first = true;
    while (true) {
        auto window = reader->Fill();
        if (!window) return core::Fail(window.error());
        std::string_view view = *window;
        size_t pos = 0;
        if (first && view.starts_with("\xEF\xBB\xBF")) pos = 3;
        first = false;
        const bool eof = reader->at_eof();
        while (pos < view.size()) {
            if (tokenizer.Next(view, pos, eof, fields, record) == core::CsvStatus::kNeedMoreData) break;
            if (!record.empty_line) {
                const size_t kept = std::min<size_t>(record.columns, max_columns);
                auto more = visit(line, std::span<const std::string_view>(fields.data(), kept), record.columns);
                if (!more) return core::Fail(more.error());
                if (!*more) return {};
            }
            line += record.line_breaks;
            pos = record.next;
        }
        if (eof && pos >= view.size()) return {};
        if (pos == 0) {
            if (reader->window_bytes() > (size_t{64} << 20)) {
                return core::Fail(core::Error::InvalidArgument("line " + std::to_string(line) +
                                                               " is longer than 64 MiB: not a CSV file"));
            }
            if (auto grown = reader->Grow(); !grown) return grown;
            continue;
        }
        if (auto consumed = reader->Consume(pos); !consumed) return consumed;
    }
}

}  // namespace did::ingest
