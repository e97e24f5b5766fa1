// The KH12 return's categories and its file.

#include "refdata/kh12.hpp"

#include <gtest/gtest.h>

#include "refdata/published_modality.hpp"

namespace did::refdata {
namespace {

TEST(Kh12Test, EveryPublishedModalityButMedicalPhotographyHasACategory) {
    for (const std::string_view modality : kPublishedModalities) {
        EXPECT_EQ(Kh12CategoryOf(modality).empty(), modality == "Medical Photography") << modality;
    }
    EXPECT_EQ(Kh12CategoryOf("Positron Emission Tomography"), "Radio-isotopes");
    EXPECT_EQ(Kh12CategoryOf("Plain Radiography"), "X-ray");
    EXPECT_EQ(Kh12CategoryOf("Endoscopy"), "");
}

TEST(Kh12Test, AReturnFileIsReadAndABadRowRefusesItNamingTheLine) {
    const auto read = ParseKh12Returns(
        "year,provider,category,examinations\n2025-26,RXX,X-ray,120000\n"
        "2025-26,RXX,MRI,9000\n");
    ASSERT_TRUE(read) << read.error().message;
    ASSERT_EQ(read->size(), 2u);
    EXPECT_EQ((*read)[1].category, "MRI");
    EXPECT_EQ((*read)[1].examinations, 9000);
    auto refused = [](std::string_view csv) {
        const auto r = ParseKh12Returns(csv);
        return r ? std::string("read") : r.error().message;
    };
    const std::string header = "year,provider,category,examinations\n";
    EXPECT_EQ(refused(header + "2025-27,RXX,MRI,1\n"), "line 2: '2025-27' is not a financial year (2025-26)");
    EXPECT_EQ(refused(header + "2025-26,RXX,PET,1\n"),
              "line 2: 'PET' is not a KH12 category (X-ray, Radio-isotopes, Ultrasound, CT, MRI, Fluoroscopy)");
    EXPECT_EQ(refused(header + "2025-26,RXX,MRI,-4\n"), "line 2: '-4' is not a count of examinations");
    EXPECT_EQ(refused(header + "2025-26,RXX,MRI,1\n2025-26,RXX,MRI,2\n"), "line 3: RXX 2025-26 MRI is given twice");
    EXPECT_EQ(refused("provider,year\n"), "line 1: the header must be year,provider,category,examinations");
    EXPECT_EQ(refused(""), "the file is empty");
}

}  // namespace
}  // namespace did::refdata
