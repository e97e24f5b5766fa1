// AcceptedSink: where accepted records go as validation proceeds (a CSV file, the
// database). Called from one thread, in file order. Because a file-level error can turn
// up at the very end, a sink must be able to throw away what it was given (Finish(false)).
#pragma once

#include "core/error.hpp"
#include "validate/accepted_batch.hpp"

namespace did::validate {

class AcceptedSink {
  public:
    virtual ~AcceptedSink() = default;
    // Records with `dropped` set must be skipped. The sink may take the batch's contents
    // (swap them for an empty batch's): the caller clears the batch before refilling it.
    virtual core::Status Consume(AcceptedBatch& batch) = 0;
    // `keep` is false when the file was rejected: discard everything consumed.
    virtual core::Status Finish(bool keep) = 0;
};

}  // namespace did::validate
