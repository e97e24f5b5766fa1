#include "refdata/catalogue_changes.hpp"

#include <gtest/gtest.h>

namespace did::refdata {
namespace {

TEST(CatalogueChangesTest, CountsWhatAReleaseAddsRemovesRemapsAndRetires) {
    auto release = NicipCatalogue::Parse(
        "nicip_code,snomed_ct_id,nicip_retired_on\nXCHES,399208008,\nUABDO,45036003,2026-06-01\n"
        "XNEW1,60027007,\nCCHES,399208008,\n");
    ASSERT_TRUE(release) << release.error().message;
    const auto changes = CompareCatalogues(NicipCatalogue::Shipped(), *release);
    EXPECT_EQ(changes.codes, 4u);
    EXPECT_EQ(changes.before, NicipCatalogue::Shipped().size());
    EXPECT_EQ(changes.added, 1u);     // XNEW1
    EXPECT_EQ(changes.remapped, 1u);  // CCHES
    EXPECT_EQ(changes.retired, 1u);
    EXPECT_EQ(changes.removed, NicipCatalogue::Shipped().size() - 3);
    EXPECT_EQ(changes.kept(), 3u);
}

TEST(CatalogueChangesTest, TheSameCatalogueChangesNothing) {
    const auto changes = CompareCatalogues(NicipCatalogue::Shipped(), NicipCatalogue::Shipped());
    EXPECT_EQ(changes.added + changes.removed + changes.remapped, 0u);
    EXPECT_EQ(changes.kept(), NicipCatalogue::Shipped().size());
}

}  // namespace
}  // namespace did::refdata
