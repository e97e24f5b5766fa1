// The modality a NICIP code is counted under in the published DID statistics: the label of
// its catalogue modality (its first letter), except that PET and SPECT examinations are split
// out of nuclear medicine, and cone beam CT takes the statistics' longer label. The split is
// data (`data/published_modality.csv`, embedded at build time: nicip_code,published_modality),
// not a rule on the letters, because the catalogue's modality letter does not tell them apart.
// Constants and pure functions.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "refdata/modality.hpp"

namespace did::refdata {

// The nine modalities of tables 1-11, in the published column order, then the two table 12
// adds and the one the statistics leave out.
inline constexpr std::array<std::string_view, 9> kPublishedModalities = {
    "Computerized Axial Tomography",
    "Diagnostic Ultrasonography",
    "Fluoroscopy",
    "Magnetic Resonance Imaging",
    "Medical Photography",
    "Nuclear Medicine Procedure",
    "Plain Radiography",
    "Positron Emission Tomography",
    "Single Photon Emission Computerized Tomography",
};
inline constexpr std::string_view kConeBeamCt = "Cone Beam Computed Tomography";
inline constexpr std::string_view kEndoscopy = "Endoscopy";

class PublishedModalities {
  public:
    // The shipped split (data/published_modality.csv).
    static const PublishedModalities& Shipped();
    // Reads a split file; every modality named must be PET or SPECT, every code a nuclear
    // medicine code (N…), each code once.
    static core::Result<PublishedModalities> Parse(std::string_view csv);

    // The published label for a code of catalogue modality `modality`.
    std::string_view Of(std::string_view nicip_code, Modality modality) const;
    size_t size() const { return split_.size(); }

  private:
    std::unordered_map<std::string, std::string_view> split_;  // code → PET or SPECT label
};

std::string_view ShippedPublishedModalityCsv();

}  // namespace did::refdata
