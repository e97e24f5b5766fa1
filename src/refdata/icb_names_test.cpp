// The ONS names and codes of the ICBs: columns found by their pattern, any year's; a bad row
// refuses the file, naming its line.

#include "refdata/icb_names.hpp"

#include <gtest/gtest.h>

namespace did::refdata {
namespace {

TEST(IcbNamesTest, TheColumnsAreFoundByTheirPatternInAnyOrderAndYear) {
    const auto icbs = ParseIcbNames(
        "ObjectId,ICB24NM,ICB24CD,ICB24CDH\n"
        "1,NHS West Yorkshire Integrated Care Board,E54000054,QWO\n"
        "2,\"NHS North West London Integrated Care Board\",E54000027,QRV\n");
    ASSERT_TRUE(icbs) << icbs.error().message;
    ASSERT_EQ(icbs->size(), 2u);
    EXPECT_EQ((*icbs)[0].code, "E54000054");
    EXPECT_EQ((*icbs)[0].ods_code, "QWO");
    EXPECT_EQ((*icbs)[0].name, "NHS West Yorkshire Integrated Care Board");
    EXPECT_EQ((*icbs)[1].name, "NHS North West London Integrated Care Board");
}

TEST(IcbNamesTest, AFileThatIsNotOneIsRefusedSayingWhy) {
    const auto header = ParseIcbNames("code,name\nE54000054,West Yorkshire\n");
    ASSERT_FALSE(header);
    EXPECT_NE(header.error().message.find("ICB23CD"), std::string::npos) << header.error().message;
    const auto code = ParseIcbNames("ICB23CD,ICB23CDH,ICB23NM\nE54000054,QWO,A\nW11000028,QXX,B\n");
    ASSERT_FALSE(code);
    EXPECT_EQ(code.error().message, "line 3: 'W11000028' is not an English ICB's code (E54 and six digits)");
    const auto ods = ParseIcbNames("ICB23CD,ICB23CDH,ICB23NM\nE54000054,q-1,A\n");
    ASSERT_FALSE(ods);
    EXPECT_EQ(ods.error().message, "line 2: 'q-1' is not an ODS code");
    EXPECT_FALSE(ParseIcbNames("ICB23CD,ICB23CDH,ICB23NM\nE54000054,QWO,\n"));
    EXPECT_FALSE(ParseIcbNames(""));
}

}  // namespace
}  // namespace did::refdata
