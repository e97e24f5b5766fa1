#include "validate/accepted_batch.hpp"

#include "core/hash.hpp"

namespace did::validate {

void AcceptedBatch::Add(uint64_t line, RecordFields fields, const RecordFacts& facts, bool warned) {
    AcceptedRecord record;
    record.line = line;
    record.facts = facts;
    record.warned = warned;
    for (size_t i = 0; i < core::kFieldCount; ++i) {
        std::string_view value = fields[i];
        if (core::kAllFields[i] == core::Field::kReferrerCode && facts.referrer_unknown) value = "99";
        record.offset[i] = static_cast<uint32_t>(arena_.size());
        record.size[i] = static_cast<uint32_t>(value.size());
        arena_.append(value);
    }
    // The fields lie end to end in the arena; their sizes, hashed first, keep "AB","C" apart from "A","BC".
    const size_t first = record.offset[0];
    record.digest = core::HashBytes(arena_.data() + first, arena_.size() - first,
                                    core::HashBytes(record.size.data(), sizeof record.size));
    records_.push_back(record);
}

}  // namespace did::validate
