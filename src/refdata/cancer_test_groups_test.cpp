#include "refdata/cancer_test_groups.hpp"

#include <gtest/gtest.h>

#include <set>

#include "refdata/nicip_catalogue.hpp"
#include "refdata/shipped_catalogue.hpp"

namespace did::refdata {
namespace {

TEST(CancerTestGroupsTest, EveryGroupHasCodesOfTheShippedCatalogueOfItsModality) {
    const auto catalogue = NicipCatalogue::Parse(ShippedCatalogueCsv());
    ASSERT_TRUE(catalogue) << catalogue.error().message;
    const auto& groups = CancerTestGroups::Shipped();
    EXPECT_EQ(groups.Of("XCHES"), "Chest (X-ray)");
    EXPECT_EQ(groups.Of("MSKUH"), "Brain (MRI)");
    EXPECT_EQ(groups.Of("XKNEB"), "");
    std::set<std::string_view> seen;
    size_t codes = 0;
    std::string_view csv = ShippedCancerTestGroupsCsv();
    for (size_t at = csv.find('\n'); at != std::string_view::npos && at + 1 < csv.size(); at = csv.find('\n', at + 1)) {
        const std::string_view line = csv.substr(at + 1, csv.find('\n', at + 1) - at - 1);
        const std::string code(line.substr(0, line.find(',')));
        const NicipEntry* entry = catalogue->FindNicip(code);
        ASSERT_NE(entry, nullptr) << code;
        const std::string_view group = groups.Of(code);
        seen.insert(group);
        // The group's modality is in its label: X-ray, CT, MRI, Ultrasound.
        const char letter = group.ends_with("(X-ray)") ? 'X'
                            : group.ends_with("(CT)")  ? 'C'
                            : group.ends_with("(MRI)") ? 'M'
                                                       : 'U';
        EXPECT_EQ(ModalityLetter(entry->modality), letter) << code;
        ++codes;
    }
    EXPECT_EQ(codes, groups.size());
    EXPECT_EQ(seen.size(), kCancerTestGroups.size());
}

TEST(CancerTestGroupsTest, ABadListIsRefusedWithItsLine) {
    EXPECT_EQ(CancerTestGroups::Parse("h\nXCHES,Chest\n").error().message,
              "line 2: 'Chest' is not one of the five cancer test groups");
    EXPECT_EQ(CancerTestGroups::Parse("h\nXCHES,Chest (X-ray)\nXCHES,Brain (MRI)\n").error().message,
              "line 3: 'XCHES' is empty or already in a group");
    EXPECT_EQ(CancerTestGroups::Parse("h\r\nXCHES\r\n").error().message,
              "line 2: expected nicip_code,cancer_test_group");
}

}  // namespace
}  // namespace did::refdata
