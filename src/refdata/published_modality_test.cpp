#include "refdata/published_modality.hpp"

#include <gtest/gtest.h>

#include <set>

#include "refdata/nicip_catalogue.hpp"
#include "refdata/shipped_catalogue.hpp"

namespace did::refdata {
namespace {

TEST(PublishedModalityTest, PetAndSpectAreSplitFromNuclearMedicineByTheShippedList) {
    const auto& split = PublishedModalities::Shipped();
    EXPECT_EQ(split.Of("NPET", Modality::kNuclearMedicine), "Positron Emission Tomography");
    EXPECT_EQ(split.Of("NCMPS", Modality::kNuclearMedicine), "Single Photon Emission Computerized Tomography");
    EXPECT_EQ(split.Of("NBONW", Modality::kNuclearMedicine), "Nuclear Medicine Procedure");
    EXPECT_EQ(split.Of("XCHES", Modality::kPlainRadiography), "Plain Radiography");
    EXPECT_EQ(split.Of("KDENT", Modality::kConeBeamCt), "Cone Beam Computed Tomography");
    EXPECT_EQ(split.Of("EGAST", Modality::kEndoscopy), "Endoscopy");
}

TEST(PublishedModalityTest, EveryCodeOfTheShippedListIsANuclearMedicineCodeOfTheShippedCatalogue) {
    const auto catalogue = NicipCatalogue::Parse(ShippedCatalogueCsv());
    ASSERT_TRUE(catalogue) << catalogue.error().message;
    const auto parsed = PublishedModalities::Parse(ShippedPublishedModalityCsv());
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_GE(parsed->size(), 10u);
    std::set<std::string_view> labels;
    size_t lines = 0;
    std::string_view csv = ShippedPublishedModalityCsv();
    for (size_t at = csv.find('\n'); at != std::string_view::npos && at + 1 < csv.size(); at = csv.find('\n', at + 1)) {
        const std::string_view line = csv.substr(at + 1, csv.find('\n', at + 1) - at - 1);
        const std::string code(line.substr(0, line.find(',')));
        const NicipEntry* entry = catalogue->FindNicip(code);
        ASSERT_NE(entry, nullptr) << code;
        EXPECT_EQ(entry->modality, Modality::kNuclearMedicine) << code;
        labels.insert(parsed->Of(code, entry->modality));
        ++lines;
    }
    EXPECT_EQ(lines, parsed->size());
    EXPECT_EQ(labels.size(), 2u);  // both PET and SPECT are there
}

TEST(PublishedModalityTest, ABadListIsRefusedWithItsLine) {
    EXPECT_EQ(PublishedModalities::Parse("h\nXCHES,Positron Emission Tomography\n").error().message,
              "line 2: XCHES is not a nuclear medicine code; only those are split");
    EXPECT_EQ(PublishedModalities::Parse("h\nNPET,PET\n").error().message,
              "line 2: 'PET' is neither 'Positron Emission Tomography' nor 'Single Photon Emission Computerized "
              "Tomography'");
    EXPECT_EQ(PublishedModalities::Parse("h\nNPET,Positron Emission Tomography\nNPET,Positron Emission Tomography\n")
                  .error()
                  .message,
              "line 3: NPET is listed twice");
    EXPECT_EQ(PublishedModalities::Parse("h\nNPET\n").error().message,
              "line 2: expected nicip_code,published_modality");
}

}  // namespace
}  // namespace did::refdata
