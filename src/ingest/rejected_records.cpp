#include "ingest/rejected_records.hpp"

#include <cerrno>
#include <cstring>
#include <utility>

#include "core/csv_tokenizer.hpp"
#include "core/field.hpp"
#include "ingest/submission_format.hpp"
#include "ingest/window_reader.hpp"

namespace did::ingest {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr size_t kWindowBytes = size_t{8} << 20;

core::Status CopyAll(ByteSource& input, const std::function<core::Status(std::string_view)>& write) {
    std::vector<char> buffer(size_t{1} << 20);
    while (true) {
        auto n = input.Read(buffer.data(), buffer.size());
        if (!n) return core::Fail(n.error());
        if (*n == 0) return input.CheckUnchanged();
        if (auto written = write(std::string_view(buffer.data(), *n)); !written) return written;
    }
}

}  // namespace

core::Result<std::vector<uint64_t>> RejectedLines(const validate::ValidationReport& report) {
    std::vector<uint64_t> lines;
    lines.reserve(report.records.rejected);
    // Findings come by line: a record's are together.
    auto status = report.findings.ForEach([&](const validate::Finding& f) {
        if (f.severity == validate::Severity::kReject && (lines.empty() || lines.back() != f.line)) {
            lines.push_back(f.line);
        }
        return true;
    });
    if (!status) return core::Fail(status.error());
    return lines;
}

core::Status CopyRejectedRecords(ByteSource& input, const validate::ValidationReport& report,
                                 const std::function<core::Status(std::string_view)>& write) {
    if (report.file_rejected()) return CopyAll(input, write);
    auto lines = RejectedLines(report);
    if (!lines) return core::Fail(lines.error());

    // Records are found as validation found them: the same tokenizer, lines counted by LF
    // from 1, a leading byte-order mark not counted.
    const auto reader = WindowReader::For(input, kWindowBytes);
    if (auto head = reader->Fill(); head && DetectFormat(*head) == SubmissionFormat::kXml) {
        return core::Fail(core::Error::InvalidArgument(
            "--rejected copies the rejected lines of a CSV file; this file is XML, whose records are not lines"));
    }
    core::CsvTokenizer tokenizer;
    std::vector<std::string_view> fields(core::kFieldCount);
    core::CsvRecord record;
    uint64_t line = 1;
    size_t next = 0;  // into *lines
    bool first = true;
    while (first || next < lines->size()) {
        auto window = reader->Fill();
        if (!window) return core::Fail(window.error());
        const std::string_view view = *window;
        const bool eof = reader->at_eof();
        size_t pos = 0;
        if (first) {
            // The header line as sent, and the byte-order mark before it (or alone, without one).
            const size_t start = view.starts_with(kBom) ? kBom.size() : 0;
            size_t header_end = start;
            if (report.has_header && start < view.size()) {
                if (tokenizer.Next(view, start, eof, fields, record) == core::CsvStatus::kNeedMoreData) {
                    if (auto grown = reader->Grow(); !grown) return grown;
                    continue;
                }
                header_end = record.next;
                line += record.line_breaks;
            }
            if (auto written = write(view.substr(0, header_end)); !written) return written;
            first = false;
            pos = header_end;
        }
        while (pos < view.size() && next < lines->size()) {
            if (tokenizer.Next(view, pos, eof, fields, record) == core::CsvStatus::kNeedMoreData) break;
            if (line == (*lines)[next]) {
                if (auto written = write(view.substr(pos, record.next - pos)); !written) return written;
                ++next;
            }
            line += record.line_breaks;
            pos = record.next;
        }
        if (next == lines->size()) break;
        if (eof && pos >= view.size()) {
            return core::Fail(core::Error::Internal("the rejected record on line " + std::to_string((*lines)[next]) +
                                                    " was not found when the file was read again"));
        }
        if (pos == 0) {  // a record longer than the window
            if (auto grown = reader->Grow(); !grown) return grown;
            continue;
        }
        if (auto consumed = reader->Consume(pos); !consumed) return consumed;
    }
    return input.CheckUnchanged();
}

core::Result<RejectedRecordsFile> RejectedRecordsFile::Create(const std::string& path) {
    const std::string temporary = TemporaryOf(path);
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (file == nullptr) {
        return core::Fail(core::Error::IoError("cannot create " + temporary + ": " + std::strerror(errno)));
    }
    return RejectedRecordsFile(path, file);
}

RejectedRecordsFile::RejectedRecordsFile(RejectedRecordsFile&& other) noexcept
    : path_(std::move(other.path_)), file_(std::exchange(other.file_, nullptr)) {}

RejectedRecordsFile::~RejectedRecordsFile() {
    if (file_ == nullptr) return;
    std::fclose(file_);
    std::remove(TemporaryOf(path_).c_str());
}

core::Status RejectedRecordsFile::Write(ByteSource& input, const validate::ValidationReport& report) {
    auto status = CopyRejectedRecords(input, report, [this](std::string_view bytes) -> core::Status {
        if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
            return core::Fail(core::Error::IoError("cannot write " + path_ + ": " + std::strerror(errno)));
        }
        return {};
    });
    const bool closed = std::fclose(std::exchange(file_, nullptr)) == 0;
    const std::string temporary = TemporaryOf(path_);
    if (!status || !closed || std::rename(temporary.c_str(), path_.c_str()) != 0) {
        std::remove(temporary.c_str());
        return status ? core::Fail(core::Error::IoError("cannot write " + path_)) : status;
    }
    return {};
}

}  // namespace did::ingest
