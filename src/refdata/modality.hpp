// Imaging modality, read from the first letter of a NICIP code, with the labels NHS
// England's DID statistics use. Constants and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace did::refdata {

enum class Modality : uint8_t {
    kPlainRadiography,    // X
    kComputedTomography,  // C
    kMagneticResonance,   // M
    kUltrasound,          // U
    kFluoroscopy,         // F: fluoroscopy and contrast studies
    kNuclearMedicine,     // N: including PET and SPECT
    kConeBeamCt,          // K
    kEndoscopy,           // E
    kInterventional,      // I
    kMedicalPhotography,  // O
};

inline constexpr int kModalityCount = 10;

std::optional<Modality> ModalityFromLetter(char letter);
inline std::optional<Modality> ModalityOfNicip(std::string_view code) {
    return code.empty() ? std::nullopt : ModalityFromLetter(code.front());
}
char ModalityLetter(Modality modality);
// "Plain Radiography", "Computerized Axial Tomography", … as in the published tables.
std::string_view ModalityLabel(Modality modality);
std::optional<Modality> ModalityFromLabel(std::string_view label);

}  // namespace did::refdata
