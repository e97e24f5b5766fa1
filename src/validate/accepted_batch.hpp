// AcceptedBatch: the records of one chunk that passed validation, normalised (trimmed,
// unquoted, an unrecognised referrer stored as "99"), in file order, ready for whoever
// stores or writes them. Owns copies of the field text. Filled by one thread, then handed
// on; not for concurrent use.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/field.hpp"
#include "validate/record_validator.hpp"

namespace did::validate {

struct AcceptedRecord {
    uint64_t line = 0;  // in the file, once the report builder hands the batch on
    std::array<uint32_t, core::kFieldCount> offset{};
    std::array<uint32_t, core::kFieldCount> size{};
    RecordFacts facts;
    // A 64-bit hash of the normalised fields, so that a new file can be compared with the
    // stored one record by record without reading either in full. Computed as the record is
    // added, on the core that validated it.
    uint64_t digest = 0;
    bool warned = false;
    bool dropped = false;  // rejected after all, by a rule that looks across records (DIDS071)
};

class AcceptedBatch {
  public:
    void Add(uint64_t line, RecordFields fields, const RecordFacts& facts, bool warned);

    std::string_view Get(const AcceptedRecord& record, core::Field field) const {
        const size_t i = core::Index(field);
        return std::string_view(arena_).substr(record.offset[i], record.size[i]);
    }

    std::vector<AcceptedRecord>& records() { return records_; }
    const std::vector<AcceptedRecord>& records() const { return records_; }
    void Clear() {
        arena_.clear();
        records_.clear();
    }

  private:
    std::string arena_;
    std::vector<AcceptedRecord> records_;
};

}  // namespace did::validate
