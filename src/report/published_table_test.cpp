#include "report/published_table.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace did::report {
namespace {

TEST(PublishedTableTest, EveryCountShownIsAMultipleOfFiveOrSuppressed) {
    for (int64_t count = 0; count <= 5000; ++count) {
        const std::string shown = Shown(PublishedCell::Count(count));
        if (count == 0) {
            EXPECT_EQ(shown, "0");
        } else if (count < 3) {
            EXPECT_EQ(shown, "*") << count;
        } else {
            const int64_t value = std::stoll(shown);
            EXPECT_EQ(value % 5, 0) << count;
            EXPECT_LE(std::abs(value - count), 2) << count;
            EXPECT_NE(value, 1);
            EXPECT_NE(value, 2);
        }
    }
    EXPECT_EQ(Shown(PublishedCell::Count(3)), "5");
    EXPECT_EQ(Shown(PublishedCell::Count(7)), "5");
    EXPECT_EQ(Shown(PublishedCell::Count(8)), "10");
    EXPECT_EQ(Shown(PublishedCell::Count(1234)), "1235");
}

TEST(PublishedTableTest, AMedianOfFewerThanThreeIsSuppressedAndAHalfIsShown) {
    EXPECT_EQ(Shown(PublishedCell::Median(4, 2)), "*");
    EXPECT_EQ(Shown(PublishedCell::Median(0, 0)), "*");
    EXPECT_EQ(Shown(PublishedCell::Median(58.5, 3)), "58.5");
    EXPECT_EQ(Shown(PublishedCell::Median(21, 1000)), "21");
    EXPECT_EQ(Shown(PublishedCell::Percent(12.345, 100)), "12.3");
    EXPECT_EQ(Shown(PublishedCell::Percent(50, 2)), "*");
}

TEST(PublishedTableTest, AMeasureIsShownToItsPlacesAndSuppressedUnderThree) {
    EXPECT_EQ(Shown(PublishedCell::Measure(0.01449, 1000, 3)), "0.014");
    EXPECT_EQ(Shown(PublishedCell::Measure(12.3456, 3, 2)), "12.35");
    EXPECT_EQ(Shown(PublishedCell::Measure(7.2, 2, 3)), "*");
    double value = 0;
    EXPECT_TRUE(ShownNumber(Shown(PublishedCell::Measure(0.5, 10, 3)), value));
    EXPECT_DOUBLE_EQ(value, 0.5);
}

PublishedTable Sample() {
    PublishedTable t;
    t.name = "table1";
    t.title = "Table 1: Imaging activity, by modality";
    t.span = "the 13 months October 2025 to October 2026";
    t.columns = {"Region", "Org Code", "Provider name", "Modality", "2026-10", "13 months"};
    t.rows.push_back({PublishedCell::Text("-"), PublishedCell::Text("-"), PublishedCell::Text("ENGLAND"),
                      PublishedCell::Text("Plain Radiography"), PublishedCell::Count(1234), PublishedCell::Count(2)});
    t.rows.push_back({PublishedCell::Text("London"), PublishedCell::Text("RXX"), PublishedCell::Text("=HYPERLINK(1)"),
                      PublishedCell::Text("Plain Radiography, etc"), PublishedCell::Count(0), PublishedCell::Count(9)});
    t.notes = {"Counts are rounded to the nearest 5."};
    return t;
}

TEST(PublishedTableTest, CsvKeepsThePublishedHeaderAndTheEnglandDashesAndGuardsFormulas) {
    EXPECT_EQ(PublishedTableCsv(Sample()),
              "Region,Org Code,Provider name,Modality,2026-10,13 months\r\n"
              "-,-,ENGLAND,Plain Radiography,1235,*\r\n"
              "London,RXX,\"'=HYPERLINK(1)\",\"Plain Radiography, etc\",0,10\r\n"
              "\r\n"
              "Counts are rounded to the nearest 5.\r\n");
}

TEST(PublishedTableTest, JsonGivesEachRowsHeadingsAndItsFiguresAsShown) {
    const auto json = nlohmann::json::parse(PublishedTableJson(Sample()));
    EXPECT_EQ(json["table"], "table1");
    EXPECT_EQ(json["columns"].size(), 6u);
    EXPECT_EQ(json["rows"][0]["headings"], (nlohmann::json{"-", "-", "ENGLAND", "Plain Radiography"}));
    EXPECT_EQ(json["rows"][0]["values"], (nlohmann::json{"1235", "*"}));
    EXPECT_EQ(json["rows"][1]["headings"][2], "=HYPERLINK(1)");
    EXPECT_EQ(json["notes"][0], "Counts are rounded to the nearest 5.");
}

TEST(PublishedTableTest, TextAlignsNumbersToTheRight) {
    const std::string text = PublishedTableText(Sample());
    EXPECT_NE(text.find("Table 1: Imaging activity, by modality\nthe 13 months"), std::string::npos) << text;
    EXPECT_NE(text.find("   1235          *"), std::string::npos) << text;
    EXPECT_NE(text.find("Note: Counts are rounded"), std::string::npos) << text;
}

}  // namespace
}  // namespace did::report
