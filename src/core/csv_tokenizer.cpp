#include "core/csv_tokenizer.hpp"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace did::core {
namespace {

inline std::string_view TrimSpaces(const char* begin, const char* end) {
    while (begin < end && *begin == ' ') ++begin;
    while (end > begin && end[-1] == ' ') --end;
    return {begin, static_cast<size_t>(end - begin)};
}

inline std::string_view TrimSpaces(std::string_view s) {
    return TrimSpaces(s.data(), s.data() + s.size());
}

}  // namespace

CsvStatus CsvTokenizer::Next(std::string_view buffer, size_t pos, bool at_eof, std::span<std::string_view> fields,
                             CsvRecord& record) {
    const char* const begin = buffer.data() + pos;
    const char* const end = buffer.data() + buffer.size();
    const size_t capacity = fields.size();
    uint32_t column = 0;
    const char* field_start = begin;
    auto emit = [&](const char* comma) {
        if (column < capacity) fields[column] = TrimSpaces(field_start, comma);
        ++column;
        field_start = comma + 1;
    };

    // Almost every record is one line with no quote: find its commas and its LF in one pass,
    // sixteen bytes at a time, and leave for the general case at the first quote.
    const char* p = begin;
    const char* lf = nullptr;
    uint32_t high_bits = 0;  // any byte above 0x7F seen (possibly just past the record: harmless)
#if defined(__SSE2__)
    const __m128i comma_v = _mm_set1_epi8(',');
    const __m128i lf_v = _mm_set1_epi8('\n');
    const __m128i quote_v = _mm_set1_epi8('"');
    while (end - p >= 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        auto commas = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, comma_v)));
        const auto lfs = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, lf_v)));
        const auto quotes = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, quote_v)));
        high_bits |= static_cast<uint32_t>(_mm_movemask_epi8(bytes));
        const uint32_t stops = lfs | quotes;
        if (stops != 0) {
            const int at = __builtin_ctz(stops);
            if ((quotes >> at) & 1u) return NextQuoted(buffer, pos, at_eof, fields, record);
            commas &= (1u << at) - 1;
            for (; commas != 0; commas &= commas - 1) emit(p + __builtin_ctz(commas));
            lf = p + at;
            break;
        }
        for (; commas != 0; commas &= commas - 1) emit(p + __builtin_ctz(commas));
        p += 16;
    }
#endif
    if (lf == nullptr) {
        for (; p < end; ++p) {
            const char c = *p;
            high_bits |= static_cast<unsigned char>(c) & 0x80u;
            if (c == ',') {
                emit(p);
            } else if (c == '\n') {
                lf = p;
                break;
            } else if (c == '"') {
                return NextQuoted(buffer, pos, at_eof, fields, record);
            }
        }
        if (lf == nullptr && !at_eof) return CsvStatus::kNeedMoreData;
    }
    const char* const line_end = lf != nullptr ? lf : end;
    const char* content_end = line_end;
    if (lf != nullptr && content_end > field_start && content_end[-1] == '\r') --content_end;  // CRLF

    record = CsvRecord{};
    record.next = static_cast<size_t>(line_end - buffer.data()) + (lf != nullptr ? 1 : 0);
    record.line_breaks = lf != nullptr ? 1 : 0;
    record.empty_line = content_end == begin;
    record.ascii = high_bits == 0;
    if (column < capacity) fields[column] = TrimSpaces(field_start, content_end);
    record.columns = column + 1;
    return CsvStatus::kRecord;
}

// The general case: a state machine over the record, which may span several lines.
CsvStatus CsvTokenizer::NextQuoted(std::string_view buffer, size_t pos, bool at_eof, std::span<std::string_view> fields,
                                   CsvRecord& record) {
    record = CsvRecord{};
    scratch_.clear();
    scratch_fields_.clear();
    const size_t capacity = fields.size();
    const size_t size = buffer.size();
    const char* data = buffer.data();
    uint32_t column = 0;
    uint32_t line_breaks = 0;
    size_t i = pos;

    auto store = [&](std::string_view value) {
        if (column < capacity) fields[column] = value;
    };

    while (true) {
        // At the start of a field: skip spaces, then see whether it is quoted.
        size_t field_start = i;
        size_t j = i;
        while (j < size && data[j] == ' ') ++j;
        if (j < size && data[j] == '"') {
            // Quoted field: copy the value into scratch, turning "" into ".
            const auto offset = static_cast<uint32_t>(scratch_.size());
            size_t k = j + 1;
            bool closed = false;
            while (k < size) {
                const char c = data[k];
                if (c == '"') {
                    if (k + 1 < size && data[k + 1] == '"') {
                        scratch_ += '"';
                        k += 2;
                        continue;
                    }
                    if (k + 1 >= size && !at_eof) return CsvStatus::kNeedMoreData;  // "" may straddle the end
                    closed = true;
                    ++k;
                    break;
                }
                if (c == '\n') ++line_breaks;
                scratch_ += c;
                ++k;
            }
            if (!closed) {
                if (!at_eof) return CsvStatus::kNeedMoreData;
                record.error = "a quoted field is never closed";
                store({});
                record.columns = column + 1;
                record.line_breaks = line_breaks;
                record.next = size;
                return CsvStatus::kRecord;
            }
            scratch_fields_.push_back({column, offset, static_cast<uint32_t>(scratch_.size() - offset)});
            // After the closing quote: spaces, then a comma or the line end.
            while (k < size && data[k] == ' ') ++k;
            if (k + 1 < size && data[k] == '\r' && data[k + 1] == '\n') ++k;  // CRLF: stop at the LF
            if (k < size && data[k] != ',' && data[k] != '\n') {
                if (k + 1 >= size && data[k] == '\r' && !at_eof) return CsvStatus::kNeedMoreData;
                if (record.error.empty()) record.error = "a character follows a closing quote";
                // Read on as unquoted text to the end of the field, so later fields still line up.
                while (k < size && data[k] != ',' && data[k] != '\n') ++k;
            }
            i = k;
        } else {
            // Unquoted field: up to the next comma or line end; quotes inside are ordinary.
            size_t k = j;
            while (k < size && data[k] != ',' && data[k] != '\n') ++k;
            size_t value_end = k;
            if (k < size && data[k] == '\n' && value_end > field_start && data[value_end - 1] == '\r') --value_end;
            store(TrimSpaces(std::string_view(data + field_start, value_end - field_start)));
            i = k;
        }
        ++column;
        if (i >= size) {
            if (!at_eof) return CsvStatus::kNeedMoreData;
            record.next = size;
            break;
        }
        if (data[i] == '\n') {
            ++line_breaks;
            record.next = i + 1;
            break;
        }
        ++i;  // the comma
    }
    // Scratch has stopped growing: point the quoted fields at it.
    for (const ScratchField& f : scratch_fields_) {
        if (f.column < capacity) fields[f.column] = TrimSpaces(std::string_view(scratch_).substr(f.offset, f.size));
    }
    record.columns = column;
    record.line_breaks = line_breaks;
    return CsvStatus::kRecord;
}

}  // namespace did::core
