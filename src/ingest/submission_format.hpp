// A submission's format, told from its content (never its name): XML when its first byte
// other than white space, after an optional UTF-8 byte-order mark, is '<'; CSV otherwise.
// ValidateSubmission reads the first window, tells the format and runs that pipeline.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "ingest/pipeline.hpp"

namespace did::ingest {

enum class SubmissionFormat { kCsv, kXml };

SubmissionFormat DetectFormat(std::string_view head);

// Validates a CSV or XML submission (see ValidateCsv, ValidateXml).
core::Result<validate::ValidationReport> ValidateSubmission(ByteSource& source,
                                                            const validate::ValidationContext& context,
                                                            const PipelineOptions& options,
                                                            validate::AcceptedSink* sink = nullptr);

}  // namespace did::ingest
