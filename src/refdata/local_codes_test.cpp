#include "refdata/local_codes.hpp"

#include <gtest/gtest.h>

namespace did::refdata {
namespace {

TEST(LocalCodesTest, MapsLocalCodesToCatalogueEntries) {
    const auto codes =
        LocalCodes::Parse("local_code,nicip_code\nZCHX1,XCHES\nLUS01,UABDO\n", NicipCatalogue::Shipped());
    ASSERT_TRUE(codes) << codes.error().message;
    EXPECT_EQ(codes->size(), 2u);
    ASSERT_NE(codes->Find("ZCHX1"), nullptr);
    EXPECT_EQ(codes->Find("ZCHX1")->code, "XCHES");
    EXPECT_EQ(codes->Find("zchx1"), nullptr);
    EXPECT_EQ(codes->Find("XCHES"), nullptr);
}

TEST(LocalCodesTest, HeaderIsOptional) {
    const auto codes = LocalCodes::Parse("ZCHX1,XCHES\n", NicipCatalogue::Shipped());
    ASSERT_TRUE(codes);
    EXPECT_EQ(codes->size(), 1u);
}

TEST(LocalCodesTest, RefusesBadListsNamingTheLines) {
    const auto codes = LocalCodes::Parse("ZCHX1,XCHES\nZBAD1,NOTACODE\nXCHES,UABDO\nZCHX1,UABDO\nonly-one-column\n",
                                         NicipCatalogue::Shipped());
    ASSERT_FALSE(codes);
    const std::string& m = codes.error().message;
    EXPECT_NE(m.find("4 problem(s)"), std::string::npos) << m;
    EXPECT_NE(m.find("line 2: local code ZBAD1 maps to NOTACODE"), std::string::npos) << m;
    EXPECT_NE(m.find("line 3: local code XCHES is already a national NICIP code"), std::string::npos) << m;
    EXPECT_NE(m.find("line 4: local code ZCHX1 was already mapped to XCHES"), std::string::npos) << m;
    EXPECT_NE(m.find("line 5: expected two columns"), std::string::npos) << m;
}

}  // namespace
}  // namespace did::refdata
