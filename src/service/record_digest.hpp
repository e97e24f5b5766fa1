// A stored record's fingerprint: a 64-bit hash of its normalised content, so that a new file
// can be compared with the current one record by record (by accession number and site)
// without reading either in full. Pure function.
#pragma once

#include <cstdint>

#include "validate/accepted_batch.hpp"

namespace did::service {

uint64_t RecordContentHash(const validate::AcceptedBatch& batch, const validate::AcceptedRecord& record);

}  // namespace did::service
