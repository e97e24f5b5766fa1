// What the collection's rules of engagement contribute to validating one submission: the
// organisations whose sites the provider may submit for (DIDC-SITE), excluded activity
// (DIDC-EXCLUDED) and the examinations other providers have already sent for the month
// (DIDC-DUPLICATE-PROVIDER). Built by the service for one submission; read-only after.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/flat_u64_map.hpp"

namespace did::validate {

struct SubmitterScope {
    std::unordered_set<std::string> owners;  // the provider itself and those it submits for

    bool Allows(const std::string& owner) const { return owners.count(owner) > 0; }
};

struct Exclusions {
    std::unordered_set<std::string> sites;
    std::unordered_set<std::string> codes;  // NICIP codes

    bool empty() const { return sites.empty() && codes.empty(); }
};

// Examinations accepted from other providers, keyed by (NHS number, test date, imaging code,
// site). Keys are 64-bit hashes: a collision could at worst raise a warning for review.
class ExaminationRegistry {
  public:
    struct Entry {
        std::string provider;
        int64_t submission_id = 0;
        int64_t line = 0;
    };

    static uint64_t KeyOf(std::string_view nhs_number, std::string_view test_date, std::string_view code,
                          std::string_view site);

    void Add(uint64_t key, Entry entry);
    const Entry* Find(uint64_t key) const;
    size_t size() const { return entries_.size(); }

  private:
    core::FlatU64Map<uint32_t> index_;
    std::vector<Entry> entries_;
};

}  // namespace did::validate
