#include "validate/header.hpp"

#include <gtest/gtest.h>

#include <array>

#include "core/field.hpp"

namespace did::validate {
namespace {

std::vector<std::string_view> Standard() {
    std::vector<std::string_view> names;
    for (core::Field f : core::kAllFields) names.push_back(core::FieldName(f));
    return names;
}

TEST(HeaderTest, RecognisesTheStandardHeader) {
    const auto names = Standard();
    EXPECT_TRUE(LooksLikeHeader(names));
    EXPECT_TRUE(CompareHeader(names).empty());
}

TEST(HeaderTest, NamesCompareIgnoringCaseSpacesUnderscoresAndPunctuation) {
    EXPECT_EQ(NormaliseColumnName("Site_Code (of imaging)"), "sitecodeofimaging");
    EXPECT_EQ(NormaliseColumnName("SITE CODE (OF IMAGING)"), "sitecodeofimaging");
    EXPECT_EQ(NormaliseColumnName("Imaging Code: SNOMED-CT"), "imagingcodesnomedct");
}

TEST(HeaderTest, DataLinesAreNotHeaders) {
    std::vector<std::string_view> data = {"4010232137", "01", "1980-05-17"};
    EXPECT_FALSE(LooksLikeHeader(data));
    std::vector<std::string_view> no_nhs = {"", "01", "1980-05-17"};
    EXPECT_FALSE(LooksLikeHeader(no_nhs));
    std::vector<std::string_view> bad_nhs_with_dates = {"401023213", "01", "1980-05-17"};
    EXPECT_FALSE(LooksLikeHeader(bad_nhs_with_dates));
}

TEST(HeaderTest, UnknownNamesWithoutDigitsAreAHeader) {
    std::vector<std::string_view> names = {"nhs", "status", "dob"};
    EXPECT_TRUE(LooksLikeHeader(names));
    std::vector<std::string_view> with_known = {"NHS_NUMBER", "col2", "col3"};
    EXPECT_TRUE(LooksLikeHeader(with_known));
}

TEST(HeaderTest, ListsEveryMisplacedColumn) {
    auto names = Standard();
    std::swap(names[2], names[3]);
    names[17] = "ACCESSION";
    const auto mismatches = CompareHeader(names);
    ASSERT_EQ(mismatches.size(), 3u);
    EXPECT_EQ(mismatches[0].column, 3u);
    EXPECT_EQ(mismatches[0].found, "ETHNIC CATEGORY");
    EXPECT_EQ(mismatches[0].expected, "PERSON BIRTH DATE");
    EXPECT_EQ(mismatches[2].column, 18u);
}

}  // namespace
}  // namespace did::validate
