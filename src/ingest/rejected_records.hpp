// The rejected records of a validated file, copied byte for byte as sent (line ends, quoting,
// encoding) after its header line: what a RIS team fixes and sends again (--rejected). A
// record with a line break in a quoted field is copied whole. A file rejected as a whole has
// had every record rejected, so it is copied whole. The copy reads the file a second time
// (ByteSource::ReadAgain) through a window, so memory stays bounded. Single-threaded.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "ingest/byte_source.hpp"
#include "validate/validation_report.hpp"

namespace did::ingest {

// The lines on which the rejected records start, in file order, from the report's findings.
core::Result<std::vector<uint64_t>> RejectedLines(const validate::ValidationReport& report);

// Gives `write` the header line, a byte-order mark before it when the file starts with one,
// then every rejected record of `input`, which must be the validated bytes from the first.
// Fails when `input` has changed since it was validated.
core::Status CopyRejectedRecords(ByteSource& input, const validate::ValidationReport& report,
                                 const std::function<core::Status(std::string_view)>& write);

// The copy saved to a path. Created before anything is read, so that a path that cannot be
// written fails the command first; written under a temporary name and renamed into place when
// complete; removed when never written.
class RejectedRecordsFile {
  public:
    static core::Result<RejectedRecordsFile> Create(const std::string& path);
    RejectedRecordsFile(RejectedRecordsFile&& other) noexcept;
    RejectedRecordsFile(const RejectedRecordsFile&) = delete;
    RejectedRecordsFile& operator=(const RejectedRecordsFile&) = delete;
    RejectedRecordsFile& operator=(RejectedRecordsFile&&) = delete;
    ~RejectedRecordsFile();

    // Copies from `input` (the validated bytes, from the first) and puts the file in place. Call once.
    core::Status Write(ByteSource& input, const validate::ValidationReport& report);

  private:
    RejectedRecordsFile(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
    static std::string TemporaryOf(const std::string& path) { return path + ".partial"; }

    std::string path_;
    std::FILE* file_;
};

}  // namespace did::ingest
