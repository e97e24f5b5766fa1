// The validation pipeline: streams a submission through fixed-size windows, cuts each
// window into chunks on record boundaries, validates the chunks on all cores, then merges
// them in file order into one report. Memory stays bounded by the window size, apart from
// the DIDS071 index of (accession, site) pairs. Called from one thread; uses its own pool.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "core/error.hpp"
#include "ingest/byte_source.hpp"
#include "ingest/window_reader.hpp"
#include "validate/accepted_sink.hpp"
#include "validate/validation_context.hpp"
#include "validate/validation_report.hpp"

namespace did::ingest {

struct PipelineOptions {
    size_t threads = 0;                                 // 0: one per core
    size_t window_bytes = size_t{8} << 20;              // bytes validated per round
    size_t max_record_bytes = size_t{16} << 20;         // a longer record is a file error, not a memory blow-up
    size_t min_chunk_bytes = size_t{256} << 10;         // smaller chunks cost more to merge than they gain
    std::function<void(uint64_t bytes_done)> progress;  // called after each window
    // XML: read plain chunks with the one-pass reader before expat. Off only to check that
    // both readings agree (the fuzz target and the tests); the reports are the same either way.
    bool xml_plain_reader = true;
};

// Validates a CSV submission. Errors are for I/O only: everything wrong with the content
// is in the report. Accepted records go to `sink` when one is given.
core::Result<validate::ValidationReport> ValidateCsv(ByteSource& source, const validate::ValidationContext& context,
                                                     const PipelineOptions& options,
                                                     validate::AcceptedSink* sink = nullptr);

// The same, read through `reader` (not yet consumed from) of `source`.
core::Result<validate::ValidationReport> ValidateCsv(ByteSource& source, std::unique_ptr<WindowReader> reader,
                                                     const validate::ValidationContext& context,
                                                     const PipelineOptions& options,
                                                     validate::AcceptedSink* sink = nullptr);

}  // namespace did::ingest
