#include "ingest/csv/file_sniffer.hpp"

#include <algorithm>
#include <array>

#include "core/csv_tokenizer.hpp"
#include "core/field.hpp"

namespace did::ingest {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr size_t kUtf16Sample = 1024;
constexpr size_t kMinUtf16Pairs = 4;
// No DID line comes near this: a first line this long without an LF is not made of lines.
constexpr size_t kLongestFirstLine = size_t{64} << 10;

// The columns `text` reads as, taken as one whole record; 0 when its quoting is broken.
uint32_t Columns(std::string_view text) {
    core::CsvTokenizer tokenizer;
    std::array<std::string_view, 1> unused;
    core::CsvRecord record;
    (void)tokenizer.Next(text, 0, true, unused, record);
    return record.error.empty() ? record.columns : 0;
}

}  // namespace

std::optional<Utf16> DetectUtf16(std::string_view head) {
    if (head.starts_with("\xFF\xFE")) return Utf16::kLittleEndian;
    if (head.starts_with("\xFE\xFF")) return Utf16::kBigEndian;
    const size_t pairs = std::min(head.size(), kUtf16Sample) / 2;
    if (pairs < kMinUtf16Pairs) return std::nullopt;
    size_t zero_first = 0;
    size_t zero_second = 0;
    for (size_t i = 0; i < pairs; ++i) {
        zero_first += head[2 * i] == '\0';
        zero_second += head[2 * i + 1] == '\0';
    }
    // ASCII in UTF-16 puts a zero in every pair; allow a tenth of non-Latin characters, and
    // never take a UTF-8 file with a few NULs in it (or one of NULs only) for one.
    auto most = [&](size_t n) { return n * 10 >= pairs * 9; };
    auto few = [&](size_t n) { return n * 10 <= pairs; };
    if (most(zero_second) && few(zero_first)) return Utf16::kLittleEndian;
    if (most(zero_first) && few(zero_second)) return Utf16::kBigEndian;
    return std::nullopt;
}

bool HasCrOnlyLineEnds(std::string_view head, bool at_eof) {
    const size_t lf = head.find('\n');
    const std::string_view first_line = head.substr(0, lf);
    // The first CR followed by neither LF nor the end of what was read (which may be half of a
    // CRLF); a run of CRs counts as one, so a line ended by CR CR LF is not taken for one.
    size_t cr = first_line.find('\r');
    while (cr != std::string_view::npos && cr + 1 < first_line.size() && first_line[cr + 1] == '\r') ++cr;
    if (cr == std::string_view::npos || cr + 1 >= first_line.size()) return false;
    // A header or record of 18 columns that a CR ends, and another line after it.
    const std::string_view next = first_line.substr(cr + 1, first_line.find('\r', cr + 1) - (cr + 1));
    if (Columns(first_line.substr(0, cr)) == core::kFieldCount && next.find(',') != std::string_view::npos) {
        return true;
    }
    // No LF at all where lines must have ended, and no 18-column line either.
    const bool no_line_feed = lf == std::string_view::npos && (at_eof || head.size() >= kLongestFirstLine);
    return no_line_feed && Columns(first_line) != core::kFieldCount;
}

std::optional<validate::Finding> SniffUnreadableFile(std::string_view head, bool at_eof) {
    if (const auto utf16 = DetectUtf16(head)) {
        const bool little = *utf16 == Utf16::kLittleEndian;
        return validate::Finding{
            1, validate::RuleId::kDidcEncoding, validate::Severity::kFile, "",
            std::string("the file is UTF-16 (") + (little ? "little" : "big") +
                "-endian), not UTF-8: in Excel, save it as 'CSV UTF-8 (Comma delimited)'; or convert it with iconv "
                "-f " +
                (little ? "UTF-16LE" : "UTF-16BE") + " -t UTF-8"};
    }
    if (head.starts_with(kUtf8Bom)) head.remove_prefix(kUtf8Bom.size());
    if (HasCrOnlyLineEnds(head, at_eof)) {
        return validate::Finding{
            1, validate::RuleId::kDids075, validate::Severity::kFile, "",
            "lines end with a carriage return (CR) only, as Excel's 'CSV (Macintosh)' writes them, so the file reads "
            "as one line: save it as 'CSV UTF-8 (Comma delimited)', or convert it with tr '\\r' '\\n'"};
    }
    return std::nullopt;
}

}  // namespace did::ingest
