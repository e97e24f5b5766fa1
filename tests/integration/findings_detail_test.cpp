// Findings a RIS team can act on, from the command line: each carries its record's site code
// and accession number in every report and in the database (`did findings`), and
// `--rejected` copies the rejected records byte for byte as sent, to fix and resend.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "integration/process.hpp"
#include "store/test_databases.hpp"

namespace {

using did::store::Backend;
using did::testing::ReadText;
using did::testing::WriteText;

bool Has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The fields of a record of a generated file, which quotes nothing.
std::vector<std::string> Split(const std::string& line) {
    std::vector<std::string> fields;
    size_t at = 0;
    while (true) {
        const size_t comma = line.find(',', at);
        fields.push_back(line.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
        if (comma == std::string::npos) return fields;
        at = comma + 1;
    }
}

std::vector<std::string> SortedLines(const std::string& text) {
    std::vector<std::string> lines;
    for (size_t at = 0; at < text.size();) {
        const size_t lf = text.find('\n', at);
        lines.push_back(text.substr(at, lf - at));
        at = lf == std::string::npos ? text.size() : lf + 1;
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

std::string Join(const std::vector<std::string>& fields) {
    std::string line;
    for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + fields[i];
    return line;
}

constexpr size_t kGender = 4;
constexpr size_t kPostcode = 5;
constexpr size_t kSite = 16;
constexpr size_t kAccession = 17;

// A month's file for RXX with CRLF line ends, and what --rejected must make of it.
struct Extract {
    std::string text;
    std::string rejected;  // the header and the rejected records, as sent
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> records;  // of the generated file, unquoted
};

class FindingsDetail {
  protected:
    void MakeDir() { dir_ = did::testing::MakeTempDir("did_findings_detail"); }
    void RemoveDir() const {
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }
    std::string Path(const std::string& name) const { return dir_ + "/" + name; }

    // did in the temporary directory; standard error with the output.
    did::testing::ProcessResult Did(const std::string& args) const {
        return did::testing::Run("cd '" + dir_ + "' && DID_USER=dm.rxx DID_DATA_DIR='" + dir_ +
                                 "/data' '" DID_BINARY "' " + args + " 2>&1");
    }

    // Lines (CRLF): 1 header; 2 good; 3 gender 7; 4-5 a quoted accession number holding a comma
    // and a CR LF; 6 good, quoted; 7 a postcode holding ESC and NUL; 8 gender 7 and an accession
    // number a spreadsheet would run; 9 good.
    Extract Write(const std::string& name) const {
        const auto generated = Did(
            "generate --rows 6 --seed 11 --period 2026-10 --submitted 2026-11-05 --provider RXX --out generated.csv");
        EXPECT_EQ(generated.exit_code, 0) << generated.out;
        Extract e;
        std::vector<std::string> lines;
        const std::string text = ReadText(Path("generated.csv"));
        for (size_t at = 0; at < text.size();) {
            const size_t lf = text.find('\n', at);
            lines.push_back(text.substr(at, lf - at));
            at = lf + 1;
        }
        e.header = Split(lines[0]);
        for (size_t i = 1; i < lines.size(); ++i) e.records.push_back(Split(lines[i]));
        EXPECT_EQ(e.records.size(), 6u);
        auto edited = [&](size_t i, size_t field, const std::string& value) {
            auto fields = e.records[i];
            fields[field] = value;
            e.records[i][field] = value;
            return Join(fields);
        };
        auto quoted = [&](size_t i, size_t field, const std::string& inner) {
            auto fields = e.records[i];
            fields[field] = "\"" + inner + "\"";
            return Join(fields);
        };
        const std::string l3 = edited(1, kGender, "7");
        const std::string l4 = quoted(2, kAccession, "A,B\r\nC");
        e.records[2][kAccession] = "A,B\r\nC";
        const std::string l6 = quoted(3, kSite, e.records[3][kSite]);
        const std::string l7 = edited(4, kPostcode, std::string("LS1\x1b[2J\0 4AP", 12));
        auto fields8 = e.records[5];
        fields8[kGender] = "7";
        fields8[kAccession] = "=1+2";
        e.records[5] = fields8;
        const std::string l8 = Join(fields8);
        e.text = lines[0] + "\r\n" + Join(e.records[0]) + "\r\n" + l3 + "\r\n" + l4 + "\r\n" + l6 + "\r\n" + l7 +
                 "\r\n" + l8 + "\r\n" + Join(e.records[0]) + "\r\n";
        // Line 9 repeats line 2's site and accession number: DIDS071 rejects it too.
        e.rejected =
            lines[0] + "\r\n" + l3 + "\r\n" + l4 + "\r\n" + l7 + "\r\n" + l8 + "\r\n" + Join(e.records[0]) + "\r\n";
        WriteText(Path(name), e.text);
        return e;
    }

    std::string dir_;
};

class FindingsDetailTest : public ::testing::Test, protected FindingsDetail {
  protected:
    void SetUp() override { MakeDir(); }
    void TearDown() override { RemoveDir(); }
};

// The findings CSV, the JSON report and the text report: the site and accession number of
// each record finding, guarded as the value is.
TEST_F(FindingsDetailTest, EveryReportNamesTheSiteAndAccessionNumberBesideTheLine) {
    const Extract e = Write("extract.csv");
    const std::string site = e.records[1][kSite];
    const std::string accession = e.records[1][kAccession];
    auto r = Did("validate extract.csv --period 2026-10 --submitted 2026-11-05 --findings findings.csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r.out, "line 3 · site " + site + " · accession " + accession + "\n")) << r.out;
    EXPECT_TRUE(Has(r.out, "line 7 · site " + e.records[4][kSite] + " · accession " + e.records[4][kAccession]))
        << r.out;
    EXPECT_FALSE(Has(r.out, "\x1b")) << r.out;

    const std::string csv = ReadText(Path("findings.csv"));
    EXPECT_TRUE(csv.starts_with("line,site_code,accession_number,field,rule,severity,value,message\n")) << csv;
    EXPECT_TRUE(Has(csv, "\n3," + site + "," + accession + ",PERSON GENDER CODE CURRENT,DIDS014,reject,7,")) << csv;
    // A line break in a cell is quoted; a cell a spreadsheet would run is shown as text.
    EXPECT_TRUE(Has(csv, "\n4," + e.records[2][kSite] + ",\"A,B<CR><LF>C\",")) << csv;
    EXPECT_TRUE(Has(csv, "\n8," + e.records[5][kSite] + ",\"'=1+2\",PERSON GENDER CODE CURRENT,")) << csv;

    r = Did("validate extract.csv --period 2026-10 --submitted 2026-11-05 --format json");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const auto report = nlohmann::json::parse(r.out);
    std::vector<std::string> lines;
    for (const auto& f : report["findings"]) {
        lines.push_back(std::to_string(f["line"].get<int>()) + " " + f["site_code"].get<std::string>() + " " +
                        f["accession_number"].get<std::string>());
    }
    EXPECT_NE(std::find(lines.begin(), lines.end(), "3 " + site + " " + accession), lines.end()) << r.out;
    EXPECT_NE(std::find(lines.begin(), lines.end(), "4 " + e.records[2][kSite] + " A,B<CR><LF>C"), lines.end())
        << r.out;
    EXPECT_NE(std::find(lines.begin(), lines.end(), "8 " + e.records[5][kSite] + " =1+2"), lines.end()) << r.out;
    // The file-level findings of a rejected file have neither.
    WriteText(Path("short.csv"), "1,2,3\n");
    r = Did("validate short.csv --findings short-findings.csv");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_EQ(ReadText(Path("short-findings.csv")),
              "line,site_code,accession_number,field,rule,severity,value,message\n1,,,FILE,DIDS075,file,,the line has "
              "3 columns; a DID record has 18\n");
}

TEST_F(FindingsDetailTest, RejectedRecordsAreCopiedByteForByteAsSent) {
    const Extract e = Write("extract.csv");
    auto r = Did("validate extract.csv --period 2026-10 --submitted 2026-11-05 --rejected rejected.csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r.out, "Rejected              5")) << r.out;
    EXPECT_TRUE(Has(r.out, "The 5 rejected records are in rejected.csv, as sent, after the header line.")) << r.out;
    EXPECT_EQ(ReadText(Path("rejected.csv")), e.rejected);
    EXPECT_FALSE(std::filesystem::exists(Path("rejected.csv.partial")));

    // Standard input is read once: it is spooled, and the copy made from the spool.
    r = did::testing::Run("cd '" + dir_ +
                          "' && '" DID_BINARY
                          "' validate - --period 2026-10 --submitted 2026-11-05 --rejected piped.csv < extract.csv "
                          "2>&1");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(ReadText(Path("piped.csv")), e.rejected);

    // Nothing rejected: the header line alone.
    WriteText(Path("clean.csv"), e.text.substr(0, e.text.find("\r\n", e.text.find("\r\n") + 2) + 2));
    r = Did("validate clean.csv --period 2026-10 --submitted 2026-11-05 --rejected none.csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r.out, "No record was rejected: none.csv holds the header line alone.")) << r.out;
    EXPECT_EQ(ReadText(Path("none.csv")), e.text.substr(0, e.text.find("\r\n") + 2));

    // A file rejected as a whole is copied whole.
    WriteText(Path("short.csv"), "1,2,3\r\n");
    r = Did("validate short.csv --rejected whole.csv");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_EQ(ReadText(Path("whole.csv")), "1,2,3\r\n");
}

TEST_F(FindingsDetailTest, RejectedMayNameNeitherTheInputNorAnotherOutput) {
    const Extract e = Write("extract.csv");
    std::filesystem::create_symlink(Path("extract.csv"), Path("link.csv"));
    for (const std::string& args :
         {std::string("validate extract.csv --rejected extract.csv"),
          std::string("validate extract.csv --rejected link.csv"),
          std::string("submit --provider RXX --period 2026-10 extract.csv --rejected ./extract.csv"),
          std::string("validate extract.csv --findings out.csv --rejected out.csv"),
          std::string("validate extract.csv --accepted out.csv --rejected out.csv"),
          std::string("submit --provider RXX --period 2026-10 extract.csv --findings out.csv --rejected out.csv")}) {
        const auto r = Did(args + " --submitted 2026-11-05");
        EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.out;
        EXPECT_TRUE(Has(r.out, "--rejected")) << args << "\n" << r.out;
    }
    EXPECT_EQ(ReadText(Path("extract.csv")), e.text);
    EXPECT_FALSE(std::filesystem::exists(Path("out.csv")));
}

// The same on both backends: what a submission stores, `did findings` shows later.
class FindingsDetailStoreTest : public ::testing::TestWithParam<Backend>, protected FindingsDetail {
  protected:
    void SetUp() override {
        database_ = std::make_unique<did::store::TestDatabase>(GetParam());
        if (database_->url().empty()) {
            if (database_->required()) FAIL() << database_->skip_reason();
            GTEST_SKIP() << database_->skip_reason();
        }
        MakeDir();
        ASSERT_EQ(Db("expect add --provider RXX --from 2026-01").exit_code, 0);
    }
    void TearDown() override { RemoveDir(); }

    did::testing::ProcessResult Db(const std::string& args) const {
        return Did(args + " --db '" + database_->url() + "'");
    }
    did::testing::ProcessResult SubmitFile(const std::string& file, const std::string& more = "") const {
        return Db("submit --provider RXX --period 2026-10 " + file + " --submitted 2026-11-05 " + more);
    }
    bool NothingStored() const {
        const auto r = Db("submissions --period 2026-10 --format csv");
        return r.exit_code == 0 && r.out.find('\n') == r.out.size() - 1;  // the header alone
    }

    std::unique_ptr<did::store::TestDatabase> database_;
};

TEST_P(FindingsDetailStoreTest, StoredFindingsKeepTheSiteAndAccessionNumber) {
    const Extract e = Write("extract.csv");
    auto r = SubmitFile("extract.csv", "--findings findings.csv --rejected rejected.csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    ASSERT_TRUE(Has(r.out, "Stored as submission 1")) << r.out;
    EXPECT_EQ(ReadText(Path("rejected.csv")), e.rejected);

    // As the findings file written at the time (rows of one line may come in another order).
    r = Db("findings 1");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(SortedLines(r.out), SortedLines(ReadText(Path("findings.csv"))));
    EXPECT_TRUE(Has(r.out, "\n3," + e.records[1][kSite] + "," + e.records[1][kAccession] + ",PERSON GENDER")) << r.out;
    EXPECT_TRUE(Has(r.out, "\n8," + e.records[5][kSite] + ",\"'=1+2\",")) << r.out;

    r = Db("findings 1 --format json");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const auto findings = nlohmann::json::parse(r.out);
    bool seen = false;
    for (const auto& f : findings) {
        if (f["line"] != 4) continue;
        seen = true;
        EXPECT_EQ(f["site_code"], e.records[2][kSite]);
        EXPECT_EQ(f["accession_number"], "A,B<CR><LF>C");
    }
    EXPECT_TRUE(seen) << r.out;
}

// The rejected records are written with the submission or nothing is stored: a path that
// cannot be created fails first, one that cannot be put in place fails inside the transaction.
TEST_P(FindingsDetailStoreTest, ARejectedFileThatCannotBeWrittenStoresNothing) {
    Write("extract.csv");
    auto r = SubmitFile("extract.csv", "--rejected no/such/dir/rejected.csv");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_TRUE(Has(r.out, "cannot create no/such/dir/rejected.csv.partial")) << r.out;
    EXPECT_TRUE(NothingStored());

    std::filesystem::create_directory(Path("taken.csv"));  // the rename onto it fails
    r = SubmitFile("extract.csv", "--rejected taken.csv");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_TRUE(Has(r.out, "cannot write taken.csv")) << r.out;
    EXPECT_TRUE(NothingStored());
    EXPECT_FALSE(std::filesystem::exists(Path("taken.csv.partial")));

    // Nothing stored by a dry run either, and the copy is still made.
    r = SubmitFile("extract.csv", "--dry-run --rejected dry.csv");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(std::filesystem::exists(Path("dry.csv")));
    EXPECT_TRUE(NothingStored());
}

INSTANTIATE_TEST_SUITE_P(Backends, FindingsDetailStoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return did::store::BackendName(param_info.param); });

}  // namespace
