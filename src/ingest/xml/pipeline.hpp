// The validation pipeline for an XML submission: the CSV pipeline's windows, chunks, worker
// pool, DIDS071 marking and report, with chunks cut at DIDSRecord start tags and read by
// XmlChunkParser. Memory stays bounded by the window size (a DIDSRecord longer than
// max_record_bytes is a file error). Called from one thread; uses its own pool.
#pragma once

#include <memory>

#include "core/error.hpp"
#include "ingest/pipeline.hpp"
#include "ingest/window_reader.hpp"

namespace did::ingest {

// Validates an XML submission read through `reader` (not yet consumed from) of `source`.
// Errors are for I/O only: everything wrong with the content is in the report.
core::Result<validate::ValidationReport> ValidateXml(ByteSource& source, std::unique_ptr<WindowReader> reader,
                                                     const validate::ValidationContext& context,
                                                     const PipelineOptions& options,
                                                     validate::AcceptedSink* sink = nullptr);

}  // namespace did::ingest
