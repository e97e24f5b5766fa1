#include "refdata/interventional_codes.hpp"

#include <gtest/gtest.h>

#include "refdata/code_label_csv.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "refdata/shipped_catalogue.hpp"

namespace did::refdata {
namespace {

TEST(InterventionalCodesTest, EveryInterventionalRadiologyCodeOfTheShippedCatalogueIsListedAndEveryCodeIsInIt) {
    const auto catalogue = NicipCatalogue::Parse(ShippedCatalogueCsv());
    ASSERT_TRUE(catalogue) << catalogue.error().message;
    const auto& list = InterventionalCodes::Shipped();
    size_t interventional_radiology = 0;
    for (const NicipEntry& entry : catalogue->entries()) {
        if (entry.modality != Modality::kInterventional) continue;
        EXPECT_TRUE(list.Contains(entry.code)) << entry.code;
        ++interventional_radiology;
    }
    EXPECT_GT(interventional_radiology, 0u);
    EXPECT_GT(list.size(), interventional_radiology);  // and guided procedures of other modalities
    auto listed = ForEachCodeAndLabel(ShippedInterventionalCodesCsv(), "nicip_code,procedure",
                                      [&](size_t line, std::string_view code, std::string_view) -> core::Status {
                                          EXPECT_NE(catalogue->FindNicip(std::string(code)), nullptr)
                                              << "line " << line << ": " << code;
                                          return {};
                                      });
    EXPECT_TRUE(listed) << listed.error().message;
    EXPECT_TRUE(list.Contains("UBIOPB"));
    EXPECT_FALSE(list.Contains("XCHES"));
}

TEST(InterventionalCodesTest, ABadListIsRefusedWithItsLine) {
    EXPECT_EQ(InterventionalCodes::Parse("h\nUBIOPB,Biopsy\nUBIOPB,Drainage\n").error().message,
              "line 3: 'UBIOPB' is listed twice");
    EXPECT_EQ(InterventionalCodes::Parse("h\nUBIOPB,\n").error().message,
              "line 2: a code and the kind of procedure it is are both needed");
    EXPECT_EQ(InterventionalCodes::Parse("h\nUBIOPB\n").error().message, "line 2: expected nicip_code,procedure");
}

}  // namespace
}  // namespace did::refdata
