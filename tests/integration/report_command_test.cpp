// `did report` end to end: a table from the files submitted on the command line, in each
// format, an Excel workbook written to --out, and the mistakes a user makes told plainly.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "integration/collection_fixture.hpp"
#include "integration/process.hpp"

namespace did::testing {
namespace {

class ReportCommandTest : public CollectionCliTest {
  protected:
    void SetUp() override {
        CollectionCliTest::SetUp();
        ASSERT_EQ(Submit("october.csv").exit_code, 0);
    }
};

TEST_F(ReportCommandTest, ATableInEveryFormatFromTheCurrentFiles) {
    const auto json = Did("report table1 --period 2026-10 --format json");
    ASSERT_EQ(json.exit_code, 0) << json.out;
    const auto table = nlohmann::json::parse(json.out);
    EXPECT_EQ(table["columns"].back(), "13 months");
    EXPECT_EQ(table["rows"][0]["headings"][2], "ENGLAND");
    int64_t england = 0;
    for (const auto& row : table["rows"]) {
        if (row["headings"][2] == "ENGLAND" && row["values"].back() != "*") {
            england += std::stoll(row["values"].back().get<std::string>());
        }
    }
    // Rounded to 5 a modality at a time: within 2.5 a modality of the accepted records.
    EXPECT_GT(england, 1800);
    EXPECT_LE(england, 2000 + 9 * 3);

    const auto csv = Did("report table1 --period 2026-10 --format csv");
    ASSERT_EQ(csv.exit_code, 0) << csv.out;
    EXPECT_EQ(csv.out.substr(0, csv.out.find('\r')),
              "Region,Org Code,Provider name,Modality,2025-10,2025-11,2025-12,2026-01,2026-02,2026-03,2026-04,2026-05,"
              "2026-06,2026-07,2026-08,2026-09,2026-10,13 months");
    EXPECT_NE(csv.out.find("\r\n-,-,ENGLAND,Computerized Axial Tomography,"), std::string::npos);

    const auto text = Did("report table2 --year 2026-27");
    ASSERT_EQ(text.exit_code, 0) << text.out;
    EXPECT_NE(text.out.find("Table 2: Median days from request to test, by modality\nfinancial year 2026-27 (April "
                            "2026 to March 2027)"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("Note: Counts are rounded to the nearest 5."), std::string::npos);
}

TEST_F(ReportCommandTest, AWorkbookIsWrittenToOutAndNowhereElse) {
    const std::string workbook = dir_ + "/table9.xlsx";
    const auto r = Did("report table9 --period 2026-10 --format xlsx --out '" + workbook + "'");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("Wrote Table 9:"), std::string::npos) << r.out;
    ASSERT_TRUE(std::filesystem::exists(workbook));
    EXPECT_EQ(ReadText(workbook).substr(0, 2), "PK");  // a zip, as every .xlsx is

    const auto no_out = Did("report table1 --period 2026-10 --format xlsx");
    EXPECT_EQ(no_out.exit_code, 2);
    EXPECT_NE(no_out.out.find("--format xlsx writes a workbook to --out FILE"), std::string::npos) << no_out.out;
    const auto over_db = Did("report table1 --period 2026-10 --format xlsx --out '" + dir_ + "/did.sqlite'");
    EXPECT_EQ(over_db.exit_code, 2) << over_db.out;
    EXPECT_NE(over_db.out.find("--out"), std::string::npos) << over_db.out;
}

TEST_F(ReportCommandTest, MistakesAreToldPlainly) {
    const auto no_span = Did("report table1");
    EXPECT_EQ(no_span.exit_code, 2);
    EXPECT_NE(no_span.out.find("give --year 2025-26 or --period YYYY-MM"), std::string::npos) << no_span.out;
    const auto both = Did("report table1 --year 2026-27 --period 2026-10");
    EXPECT_EQ(both.exit_code, 2) << both.out;
    const auto bad_year = Did("report table1 --year 2026-28");
    EXPECT_EQ(bad_year.exit_code, 2);
    EXPECT_NE(bad_year.out.find("--year: '2026-28' is not a financial year as YYYY-YY"), std::string::npos)
        << bad_year.out;
    const auto bad_name = Did("report table99 --period 2026-10");
    EXPECT_EQ(bad_name.exit_code, 2);
    EXPECT_NE(bad_name.out.find("table99"), std::string::npos) << bad_name.out;
}

}  // namespace
}  // namespace did::testing
