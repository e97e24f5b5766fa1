#include "refdata/modality.hpp"

#include <gtest/gtest.h>

namespace did::refdata {
namespace {

TEST(ModalityTest, FirstLetterOfTheNicipCode) {
    EXPECT_EQ(ModalityOfNicip("XCHES"), Modality::kPlainRadiography);
    EXPECT_EQ(ModalityOfNicip("CCHES"), Modality::kComputedTomography);
    EXPECT_EQ(ModalityOfNicip("MBRAI"), Modality::kMagneticResonance);
    EXPECT_EQ(ModalityOfNicip("UABDO"), Modality::kUltrasound);
    EXPECT_EQ(ModalityOfNicip("FBASW"), Modality::kFluoroscopy);
    EXPECT_EQ(ModalityOfNicip("NBONW"), Modality::kNuclearMedicine);
    EXPECT_EQ(ModalityOfNicip("KDENT"), Modality::kConeBeamCt);
    EXPECT_EQ(ModalityOfNicip("ECOLOY"), Modality::kEndoscopy);
    EXPECT_EQ(ModalityOfNicip("IVTIP"), Modality::kInterventional);
    EXPECT_EQ(ModalityOfNicip("OSPEC"), Modality::kMedicalPhotography);
    EXPECT_FALSE(ModalityOfNicip("ZABC"));
    EXPECT_FALSE(ModalityOfNicip(""));
}

TEST(ModalityTest, LabelsRoundTrip) {
    for (int i = 0; i < kModalityCount; ++i) {
        const auto modality = static_cast<Modality>(i);
        EXPECT_EQ(ModalityFromLabel(ModalityLabel(modality)), modality);
        EXPECT_EQ(ModalityFromLetter(ModalityLetter(modality)), modality);
    }
    EXPECT_EQ(ModalityLabel(Modality::kMagneticResonance), "Magnetic Resonance Imaging");
}

}  // namespace
}  // namespace did::refdata
