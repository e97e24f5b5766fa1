#include "refdata/nicip_catalogue.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/verhoeff.hpp"

namespace did::refdata {
namespace {

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

core::Date D(std::string_view s) {
    return *core::Date::Parse(s);
}

TEST(NicipCatalogueTest, ShippedCatalogueHoldsEverySeedCode) {
    const NicipCatalogue& shipped = NicipCatalogue::Shipped();
    EXPECT_EQ(shipped.size(), 2787u);
    const NicipEntry* chest = shipped.FindNicip("XCHES");
    ASSERT_NE(chest, nullptr);
    EXPECT_EQ(chest->snomed, 399208008u);
    EXPECT_EQ(chest->modality, Modality::kPlainRadiography);
    EXPECT_EQ(shipped.FindNicip("UABDO")->snomed, 45036003u);
    EXPECT_EQ(shipped.FindNicip("CCHES")->snomed, 169069000u);
    EXPECT_EQ(shipped.FindNicip("MSKUH")->snomed, 241601008u);
    for (std::string_view wrist : {"XWRIB", "XWRIL", "XWRIR"}) EXPECT_EQ(shipped.FindNicip(wrist)->snomed, 60027007u);
}

TEST(NicipCatalogueTest, EverySnomedIdPassesVerhoeffAndIsAConcept) {
    for (const NicipEntry& entry : NicipCatalogue::Shipped().entries()) {
        const std::string id = std::to_string(entry.snomed);
        EXPECT_TRUE(core::VerhoeffValid(id)) << entry.code << " " << id;
        const std::string partition = id.substr(id.size() - 3, 2);
        EXPECT_TRUE(partition == "00" || partition == "10") << id;
    }
}

TEST(NicipCatalogueTest, ShippedFileIsTheCanonicalFormOfTheSeed) {
    const auto seed =
        NicipCatalogue::Parse(ReadFile(std::string(DID_SOURCE_DIR) + "/../shared/refdata/nicip_snomed.csv"));
    if (!seed) GTEST_SKIP() << "the shared seed is not beside this checkout";
    EXPECT_EQ(seed->ToCsv(), ReadFile(std::string(DID_SOURCE_DIR) + "/data/nicip_catalogue.csv"));
}

TEST(NicipCatalogueTest, LookupIsExact) {
    const NicipCatalogue& shipped = NicipCatalogue::Shipped();
    EXPECT_EQ(shipped.FindNicip("xches"), nullptr);
    EXPECT_EQ(shipped.FindNicip("XCHE"), nullptr);
    EXPECT_EQ(shipped.FindNicip(std::string_view("XCHES\0", 6)), nullptr);
    EXPECT_EQ(shipped.FindNicip(""), nullptr);
    EXPECT_EQ(shipped.FindNicip("XCHESXXXXX"), nullptr);
    EXPECT_TRUE(shipped.HasSnomed(399208008));
    EXPECT_FALSE(shipped.HasSnomed(399208009));
}

TEST(NicipCatalogueTest, ParsesOptionalColumnsInAnyOrder) {
    const auto catalogue = NicipCatalogue::Parse(
        "snomed_retired_on,snomed_ct_id,nicip_code,nicip_retired_on\n"
        ",399208008,XCHES,\n"
        "2026-01-10,45036003,UABDO,2026-01-10\n");
    ASSERT_TRUE(catalogue) << catalogue.error().message;
    const NicipEntry* abdomen = catalogue->FindNicip("UABDO");
    ASSERT_NE(abdomen, nullptr);
    EXPECT_EQ(abdomen->modality, Modality::kUltrasound);
    EXPECT_EQ(catalogue->NicipStatus(*abdomen, D("2026-01-09")), CodeStatus::kActive);
    EXPECT_EQ(catalogue->NicipStatus(*abdomen, D("2026-01-10")), CodeStatus::kInactive);
    EXPECT_EQ(catalogue->NicipStatus(*abdomen, D("2026-07-12")), CodeStatus::kInactive);  // retired + 183 days
    EXPECT_EQ(catalogue->NicipStatus(*abdomen, D("2026-07-13")), CodeStatus::kUnknown);
    EXPECT_EQ(catalogue->SnomedStatus(45036003, D("2026-07-13")), CodeStatus::kUnknown);
    EXPECT_EQ(catalogue->SnomedStatus(399208008, D("2030-01-01")), CodeStatus::kActive);
    EXPECT_EQ(catalogue->SnomedStatus(123, D("2030-01-01")), CodeStatus::kUnknown);
}

TEST(NicipCatalogueTest, ASnomedIdStaysActiveWhileAnyCodeUsesItActively) {
    const auto catalogue = NicipCatalogue::Parse(
        "nicip_code,snomed_ct_id,snomed_retired_on\nXWRIB,60027007,2025-01-01\nXWRIL,60027007,\n");
    ASSERT_TRUE(catalogue);
    EXPECT_EQ(catalogue->SnomedStatus(60027007, D("2027-01-01")), CodeStatus::kActive);
}

TEST(NicipCatalogueTest, RefusesABadFileNamingEveryProblem) {
    const auto catalogue = NicipCatalogue::Parse(
        "nicip_code,snomed_ct_id,modality\n"
        "XCHES,399208008,Plain Radiography\n"
        "CCHES,169069004,\n"            // wrong check digit
        "ZZZZZ,399208008,\n"            // no such modality letter
        "XCHES,399208008,\n"            // twice
        "UABDO,45036003,Fluoroscopy\n"  // modality disagrees with the letter
        "MSKUH,241601008,\n"
        "XABDO,0399208008,\n");  // leading zero
    ASSERT_FALSE(catalogue);
    const std::string& message = catalogue.error().message;
    EXPECT_NE(message.find("5 problem(s)"), std::string::npos) << message;
    EXPECT_NE(message.find("line 3: SNOMED CT id 169069004 fails its Verhoeff check digit"), std::string::npos);
    EXPECT_NE(message.find("line 4:"), std::string::npos);
    EXPECT_NE(message.find("line 5: NICIP code XCHES appears twice"), std::string::npos);
    EXPECT_NE(message.find("line 6:"), std::string::npos);
    EXPECT_NE(message.find("line 8:"), std::string::npos);
}

TEST(NicipCatalogueTest, RefusesAFileWithoutTheRequiredColumns) {
    EXPECT_FALSE(NicipCatalogue::Parse("code,snomed\nXCHES,399208008\n"));
    EXPECT_FALSE(NicipCatalogue::Parse(""));
    EXPECT_FALSE(NicipCatalogue::Parse("nicip_code,snomed_ct_id\n"));
}

TEST(NicipCatalogueTest, ParsesSnomedIds) {
    EXPECT_EQ(ParseSnomedId("399208008"), 399208008u);
    EXPECT_EQ(ParseSnomedId("900000000000207008"), 900000000000207008u);
    EXPECT_FALSE(ParseSnomedId("12345"));
    EXPECT_FALSE(ParseSnomedId("1234567890123456789"));
    EXPECT_FALSE(ParseSnomedId("0399208008"));
    EXPECT_FALSE(ParseSnomedId("39920800X"));
}

}  // namespace
}  // namespace did::refdata
