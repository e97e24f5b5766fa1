// The typical effective dose of an examination, for the radiation analysis (frequency and
// collective dose): `data/typical_effective_dose.csv` (nicip_pattern,examination,
// effective_dose_msv,source), embedded at build time and replaceable. A pattern is a NICIP code,
// or a prefix ending in `*` (XHIP* for every hip X-ray); a code takes its exact row, else the
// longest prefix that matches it. A code with no row has no estimate: the analysis shows how
// much activity its totals cover and never invents a dose. Constants and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace did::refdata {

struct DoseEntry {
    std::string pattern;      // "XCHES", "XHIP*"
    std::string examination;  // "XR chest"
    double effective_dose_msv = 0;
    std::string source;
};

class DoseTable {
  public:
    // The shipped table (data/typical_effective_dose.csv).
    static const DoseTable& Shipped();
    // Reads a table: each pattern once, a dose a number of mSv from 0 to 100; a bad row refuses
    // it, naming its line.
    static core::Result<DoseTable> Parse(std::string_view csv);

    // The row for a code: its own, else the longest prefix pattern that matches; null for none.
    const DoseEntry* Find(std::string_view nicip_code) const;
    const std::vector<DoseEntry>& entries() const { return entries_; }

  private:
    std::vector<DoseEntry> entries_;
};

std::string_view ShippedDoseTableCsv();

}  // namespace did::refdata
