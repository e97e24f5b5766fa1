#include "service/record_digest.hpp"

#include <string>

#include "core/hash.hpp"

namespace did::service {

uint64_t RecordContentHash(const validate::AcceptedBatch& batch, const validate::AcceptedRecord& record) {
    std::string content;
    content.reserve(256);
    for (core::Field field : core::kAllFields) {
        content += batch.Get(record, field);
        content += '\x1f';
    }
    return core::HashBytes(content);
}

}  // namespace did::service
