// The five groups of tests suitable for diagnosing cancer that the published tables 4-6 (and
// the GP direct access analyses) count, each a list of NICIP codes kept as data:
// `data/cancer_test_groups.csv` (nicip_code,cancer_test_group), embedded at build time.
// Constants and pure functions.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"

namespace did::refdata {

// In the published order.
inline constexpr std::array<std::string_view, 5> kCancerTestGroups = {
    "Chest (X-ray)",
    "Chest and/or abdomen (CT)",
    "Brain (MRI)",
    "Abdomen and/or pelvis (Ultrasound)",
    "Kidney or Bladder (Ultrasound)",
};

class CancerTestGroups {
  public:
    // The shipped lists (data/cancer_test_groups.csv).
    static const CancerTestGroups& Shipped();
    // Reads a list: every group named must be one of the five, each code in one group only.
    static core::Result<CancerTestGroups> Parse(std::string_view csv);

    // The code's group, or "" for a code in none.
    std::string_view Of(std::string_view nicip_code) const;
    size_t size() const { return group_.size(); }

  private:
    std::unordered_map<std::string, std::string_view> group_;
};

std::string_view ShippedCancerTestGroupsCsv();

}  // namespace did::refdata
