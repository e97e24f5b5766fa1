// NicipCatalogue: the NICIP imaging codes, the SNOMED CT concept each maps to, its modality
// and, for codes that have been retired, the retirement date (a code stays usable for 183
// days after). Built once from a CSV release file, then read-only: safe to share between
// threads. Lookups are on the hot path of validation, so they avoid allocation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/flat_u64_map.hpp"
#include "refdata/modality.hpp"

namespace did::refdata {

struct NicipEntry {
    std::string code;
    uint64_t snomed = 0;
    Modality modality = Modality::kPlainRadiography;
    std::optional<core::Date> nicip_retired_on;
    std::optional<core::Date> snomed_retired_on;
};

// What a code is worth on a given date.
enum class CodeStatus {
    kUnknown,  // not in the catalogue, or retired more than the grace period ago
    kActive,
    kInactive,  // retired, but within the grace period: usable, with a warning
};

inline constexpr int kRetirementGraceDays = 183;

class NicipCatalogue {
  public:
    // Parses a release file: a header naming at least `nicip_code` and `snomed_ct_id`, and
    // optionally `modality`, `nicip_retired_on`, `snomed_retired_on` (CCYY-MM-DD), in any order.
    // Refuses the whole file, listing every bad row (up to a limit), when any row is wrong.
    static core::Result<NicipCatalogue> Parse(std::string_view csv_text);

    // The catalogue shipped inside the binary (data/nicip_catalogue.csv).
    static const NicipCatalogue& Shipped();

    const NicipEntry* FindNicip(std::string_view code) const {
        const uint64_t key = PackCode(code);
        const uint32_t* index = key == 0 ? nullptr : nicip_index_.Find(key);
        return index == nullptr ? nullptr : &entries_[*index];
    }
    CodeStatus NicipStatus(const NicipEntry& entry, core::Date on) const {
        return entry.nicip_retired_on ? RetiredStatus(*entry.nicip_retired_on, on) : CodeStatus::kActive;
    }

    // SNOMED CT ids are compared as sent: "0399208008" is not 399208008.
    bool HasSnomed(uint64_t id) const { return snomed_retired_.Find(id) != nullptr; }
    // The first NICIP code (in code order) that maps to a SNOMED CT id: for the modality of a
    // record that sends only the SNOMED CT code.
    const NicipEntry* FindBySnomed(uint64_t id) const {
        const uint32_t* index = snomed_first_.Find(id);
        return index == nullptr ? nullptr : &entries_[*index];
    }
    CodeStatus SnomedStatus(uint64_t id, core::Date on) const {
        const uint32_t* retired = snomed_retired_.Find(id);
        if (retired == nullptr) return CodeStatus::kUnknown;
        return *retired == 0 ? CodeStatus::kActive : RetiredStatus(core::Date::FromPacked(*retired), on);
    }

    const std::vector<NicipEntry>& entries() const { return entries_; }
    size_t size() const { return entries_.size(); }

    // The canonical file form, as shipped under data/ and written by `did refdata import`.
    std::string ToCsv() const;

    // Up to seven bytes plus the length, so "XCHES" and "XCHES\0" differ; 0 for longer codes.
    static uint64_t PackCode(std::string_view code);

  private:
    static CodeStatus RetiredStatus(core::Date retired_on, core::Date on) {
        if (on < retired_on) return CodeStatus::kActive;
        return on <= retired_on.AddDays(kRetirementGraceDays) ? CodeStatus::kInactive : CodeStatus::kUnknown;
    }
    void Index();

    std::vector<NicipEntry> entries_;
    core::FlatU64Map<uint32_t> nicip_index_;
    // SNOMED id -> retirement date as packed Date, 0 while any NICIP code maps to it actively.
    core::FlatU64Map<uint32_t> snomed_retired_;
    core::FlatU64Map<uint32_t> snomed_first_;
};

// Parses 6–18 ASCII digits with no leading zero into a SNOMED CT id; nullopt otherwise.
std::optional<uint64_t> ParseSnomedId(std::string_view text);

}  // namespace did::refdata
