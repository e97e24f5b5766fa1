#include "validate/engagement.hpp"

#include "core/hash.hpp"

namespace did::validate {

uint64_t ExaminationRegistry::KeyOf(std::string_view nhs_number, std::string_view test_date, std::string_view code,
                                    std::string_view site) {
    // The date part only (a timestamp and a date of the same day are the same examination day).
    std::string key;
    key.reserve(48);
    for (std::string_view part : {nhs_number, test_date.substr(0, 10), code, site}) {
        key += part;
        key += '\x1f';
    }
    const uint64_t hash = core::HashBytes(key);
    return hash == 0 ? 1 : hash;  // 0 marks an empty slot
}

void ExaminationRegistry::Add(uint64_t key, Entry entry) {
    if (index_.Find(key) != nullptr) return;  // the first one stands for them all
    index_.Put(key, static_cast<uint32_t>(entries_.size()));
    entries_.push_back(std::move(entry));
}

const ExaminationRegistry::Entry* ExaminationRegistry::Find(uint64_t key) const {
    const uint32_t* index = index_.Find(key);
    return index == nullptr ? nullptr : &entries_[*index];
}

}  // namespace did::validate
