// ReportBuilder: folds chunk results, in file order, into one ValidationReport: global
// line numbers, DIDS071 findings from the duplicate marks, empty-line runs, counts and
// tallies; hands accepted records to a sink. Single-threaded: the pipeline calls it after
// each window's parallel work is done.
#pragma once

#include <memory>
#include <span>

#include "validate/accepted_sink.hpp"
#include "validate/chunk_result.hpp"
#include "validate/record_validator.hpp"
#include "validate/validation_report.hpp"

namespace did::validate {

class ReportBuilder {
  public:
    explicit ReportBuilder(const RecordValidator& validator);

    // A file-level error found outside the chunks (the header).
    core::Status AddFileError(Finding finding);

    // `chunks` in file order, DIDS071 marks applied; `line_base[i]` is chunk i's first line.
    core::Status Merge(std::span<ChunkResult* const> chunks, std::span<const uint64_t> line_base, AcceptedSink* sink);

    // Ends the file. A file that cannot be read at all (a bad UTF-8 byte anywhere, UTF-16,
    // lines ended by CR only) has `unreadable` as its only finding.
    ValidationReport Finish(std::optional<Finding> unreadable);

    ValidationReport& report() { return report_; }
    bool file_rejected() const { return report_.file_rejected(); }

  private:
    core::Status Add(FindingSpool& spool, Finding finding);
    core::Status MergeChunk(ChunkResult& chunk, uint64_t base, AcceptedSink* sink);

    const RecordValidator& validator_;
    ValidationReport report_;
    EmptyRun pending_empty_;  // file lines, not yet known to be trailing
    std::vector<Finding> duplicates_;
};

}  // namespace did::validate
