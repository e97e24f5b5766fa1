// The examinations published table 12 counts as interventional procedures: a list of NICIP
// codes kept as data, `data/interventional_codes.csv` (nicip_code,procedure), embedded at build
// time. Every code of the catalogue's interventional radiology modality (I…), and the image
// guided biopsies, aspirations, drainages, catheter angiography, embolisation and ablation of
// the other modalities. Constants and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"

namespace did::refdata {

class InterventionalCodes {
  public:
    // The shipped list (data/interventional_codes.csv).
    static const InterventionalCodes& Shipped();
    // Reads a list: each code once, each with the kind of procedure it is.
    static core::Result<InterventionalCodes> Parse(std::string_view csv);

    bool Contains(std::string_view nicip_code) const { return procedure_.count(std::string(nicip_code)) != 0; }
    size_t size() const { return procedure_.size(); }

  private:
    std::unordered_map<std::string, std::string> procedure_;  // code → "Biopsy", "Drainage", …
};

std::string_view ShippedInterventionalCodesCsv();

}  // namespace did::refdata
