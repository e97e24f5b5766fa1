#include "report/published_table_xlsx.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace did::report {
namespace {

// Python's zipfile reads the workbook back: the XML of one part of it.
std::string Part(const std::string& path, const std::string& part) {
    const std::string command =
        "python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "
        "'" +
        path + "' '" + part + "'";
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    pclose(pipe);
    return out;
}

TEST(PublishedTableXlsxTest, ATitleSheetThenTheTableWithFiguresAsNumbers) {
    PublishedTable t;
    t.name = "table1";
    t.title = "Table 1: Imaging activity, by modality";
    t.span = "financial year 2025-26 (April 2025 to March 2026)";
    t.columns = {"Region", "Org Code", "Provider name", "Modality", "2025-04", "Year"};
    t.rows.push_back({PublishedCell::Text("-"), PublishedCell::Text("-"), PublishedCell::Text("ENGLAND"),
                      PublishedCell::Text("Plain Radiography"), PublishedCell::Count(1234), PublishedCell::Count(2)});
    t.notes = {"Counts are rounded to the nearest 5."};
    const std::string path =
        (std::filesystem::temp_directory_path() / ("did_table_" + std::to_string(::getpid()) + ".xlsx")).string();
    ASSERT_TRUE(WritePublishedTableXlsx(t, path));
    const std::string workbook = Part(path, "xl/workbook.xml");
    EXPECT_NE(workbook.find("name=\"Title\""), std::string::npos) << workbook;
    EXPECT_NE(workbook.find("name=\"Data\""), std::string::npos) << workbook;
    const std::string strings = Part(path, "xl/sharedStrings.xml");
    EXPECT_NE(strings.find("Table 1: Imaging activity, by modality"), std::string::npos);
    EXPECT_NE(strings.find("Counts are rounded to the nearest 5."), std::string::npos);
    EXPECT_NE(strings.find("ENGLAND"), std::string::npos);
    const std::string data = Part(path, "xl/worksheets/sheet2.xml");
    EXPECT_NE(data.find("<v>1235</v>"), std::string::npos) << data;  // a number, rounded
    EXPECT_EQ(data.find("<v>1234</v>"), std::string::npos);          // never the unrounded count
    EXPECT_NE(strings.find(">*<"), std::string::npos) << strings;    // suppressed, as text
    std::filesystem::remove(path);
    EXPECT_FALSE(WritePublishedTableXlsx(t, "/nonexistent-dir/table.xlsx"));
    // A note longer than a cell holds is an error, not a note silently dropped.
    t.notes.push_back(std::string(40000, 'n'));
    EXPECT_FALSE(WritePublishedTableXlsx(t, path));
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace did::report
