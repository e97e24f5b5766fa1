#include "refdata/modality.hpp"

#include <array>

namespace did::refdata {
namespace {

struct ModalityInfo {
    char letter;
    std::string_view label;
};

// In enum order.
constexpr std::array<ModalityInfo, kModalityCount> kInfo = {{
    {'X', "Plain Radiography"},
    {'C', "Computerized Axial Tomography"},
    {'M', "Magnetic Resonance Imaging"},
    {'U', "Diagnostic Ultrasonography"},
    {'F', "Fluoroscopy"},
    {'N', "Nuclear Medicine Procedure"},
    {'K', "Cone Beam CT"},
    {'E', "Endoscopy"},
    {'I', "Interventional Radiology"},
    {'O', "Medical Photography"},
}};

}  // namespace

std::optional<Modality> ModalityFromLetter(char letter) {
    for (size_t i = 0; i < kInfo.size(); ++i) {
        if (kInfo[i].letter == letter) return static_cast<Modality>(i);
    }
    return std::nullopt;
}

char ModalityLetter(Modality modality) {
    return kInfo[static_cast<size_t>(modality)].letter;
}
std::string_view ModalityLabel(Modality modality) {
    return kInfo[static_cast<size_t>(modality)].label;
}

std::optional<Modality> ModalityFromLabel(std::string_view label) {
    for (size_t i = 0; i < kInfo.size(); ++i) {
        if (kInfo[i].label == label) return static_cast<Modality>(i);
    }
    return std::nullopt;
}

}  // namespace did::refdata
