#include "refdata/interventional_codes.hpp"

#include <gtest/gtest.h>

#include "refdata/nicip_catalogue.hpp"
#include "refdata/shipped_catalogue.hpp"

namespace did::refdata {
namespace {

TEST(InterventionalCodesTest, EveryInterventionalRadiologyCodeOfTheShippedCatalogueIsListedAndEveryCodeIsInIt) {
    const auto catalogue = NicipCatalogue::Parse(ShippedCatalogueCsv());
    ASSERT_TRUE(catalogue) << catalogue.error().message;
    const auto& list = InterventionalCodes::Shipped();
    size_t interventional_radiology = 0;
    std::string_view csv = ShippedCatalogueCsv();
    for (size_t at = csv.find('\n'); at != std::string_view::npos && at + 1 < csv.size(); at = csv.find('\n', at + 1)) {
        const std::string_view line = csv.substr(at + 1, csv.find('\n', at + 1) - at - 1);
        const std::string code(line.substr(0, line.find(',')));
        const NicipEntry* entry = catalogue->FindNicip(code);
        if (entry == nullptr || entry->modality != Modality::kInterventional) continue;
        EXPECT_TRUE(list.Contains(code)) << code;
        ++interventional_radiology;
    }
    EXPECT_GT(interventional_radiology, 0u);
    EXPECT_GT(list.size(), interventional_radiology);  // and guided procedures of other modalities
    std::string_view listed = ShippedInterventionalCodesCsv();
    for (size_t at = listed.find('\n'); at != std::string_view::npos && at + 1 < listed.size();
         at = listed.find('\n', at + 1)) {
        const std::string_view line = listed.substr(at + 1, listed.find('\n', at + 1) - at - 1);
        EXPECT_NE(catalogue->FindNicip(std::string(line.substr(0, line.find(',')))), nullptr) << line;
    }
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
