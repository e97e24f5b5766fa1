#include "core/verhoeff.hpp"

#include <gtest/gtest.h>

namespace did::core {
namespace {

TEST(VerhoeffTest, KnownSnomedIdentifiersPass) {
    // Root concept, top-level hierarchies and the DID modality concepts.
    for (std::string_view id :
         {"138875005", "404684003", "71388002", "168537006", "77477000", "113091000", "16310003", "44491008",
          "371572003", "82918005", "450436003", "169283005", "717193008", "399208008", "900000000000207008"}) {
        EXPECT_TRUE(VerhoeffValid(id)) << id;
    }
}

TEST(VerhoeffTest, SingleDigitChangesAndTranspositionsFail) {
    EXPECT_FALSE(VerhoeffValid("399208009"));
    EXPECT_FALSE(VerhoeffValid("399280008"));
    EXPECT_FALSE(VerhoeffValid("138875050"));
}

TEST(VerhoeffTest, GeneratesTheCheckDigit) {
    EXPECT_EQ(VerhoeffCheckDigit("236"), 3);
    EXPECT_EQ(VerhoeffCheckDigit("39920800"), 8);
    EXPECT_EQ(VerhoeffCheckDigit("13887500"), 5);
}

}  // namespace
}  // namespace did::core
