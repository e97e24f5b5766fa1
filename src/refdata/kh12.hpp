// The old KH12 annual activity return, which the DID replaced: its categories, which published
// modalities each takes (plain radiography is X-ray; nuclear medicine, PET and SPECT are
// radio-isotopes; ultrasound, CT, MRI and fluoroscopy as they are; medical photography has
// none), and the file a central team loads a year's returns from, to hold the replication
// against: a CSV with the header `year,provider,category,examinations` (year as 2025-26, the
// category one of kKh12Categories). Constants and pure parsing.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace did::refdata {

inline constexpr std::array<std::string_view, 6> kKh12Categories = {"X-ray", "Radio-isotopes", "Ultrasound", "CT",
                                                                    "MRI",   "Fluoroscopy"};

// The KH12 category of a published modality (published_modality.hpp); "" for none.
std::string_view Kh12CategoryOf(std::string_view published_modality);

struct Kh12Return {
    std::string year;
    std::string provider;
    std::string category;
    int64_t examinations = 0;
};

// Every row; fails on the first that is not one, naming its line, or on a provider, year and
// category given twice.
core::Result<std::vector<Kh12Return>> ParseKh12Returns(std::string_view csv);

}  // namespace did::refdata
