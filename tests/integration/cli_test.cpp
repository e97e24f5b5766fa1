// The `did` command line end to end, as a data manager or a script would use it.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "integration/process.hpp"

namespace {

using did::testing::ReadText;
using did::testing::WriteText;

const std::string kDid = DID_BINARY;

class CliTest : public ::testing::Test {
  protected:
    void SetUp() override { dir_ = did::testing::MakeTempDir("did_cli"); }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string Path(const std::string& name) const { return dir_ + "/" + name; }
    // Runs did with the temporary directory as the data directory, so nothing touches $HOME.
    did::testing::ProcessResult Did(const std::string& args, bool with_stderr = false) const {
        return did::testing::Run("cd '" + dir_ + "' && DID_DATA_DIR='" + dir_ + "/data' '" + kDid + "' " + args +
                                 (with_stderr ? " 2>&1" : " 2>/dev/null"));
    }
    std::string dir_;
};

size_t CountLines(const std::string& text) {
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST_F(CliTest, UsageErrorsExitWithTwoAndSayWhatIsWrong) {
    auto r = Did("validate", true);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("did validate: file is required\nSee 'did validate --help'."), std::string::npos) << r.out;
    r = Did("validate missing.csv", true);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("cannot open missing.csv"), std::string::npos) << r.out;
    r = Did("validate x.csv --period 2026-13", true);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("--period: '2026-13' is not a month as YYYY-MM"), std::string::npos) << r.out;
    r = Did("validate x.csv --perod 2026-10", true);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("unknown option --perod (did you mean --period?)"), std::string::npos) << r.out;
    EXPECT_EQ(Did("frobnicate").exit_code, 2);
}

TEST_F(CliTest, GeneratedFaultsAreReportedAndExitCodeIsZeroWhenTheFileIsAccepted) {
    ASSERT_EQ(Did("generate --rows 3000 --seed 5 --period 2026-10 --submitted 2026-11-05 --error-rate 0.1 "
                  "--faults faults.csv --out extract.csv")
                  .exit_code,
              0);
    auto r = Did("validate extract.csv --period 2026-10 --submitted 2026-11-05 --format json");
    ASSERT_EQ(r.exit_code, 0);
    const auto report = nlohmann::json::parse(r.out);
    EXPECT_EQ(report["records"]["total"], 3000);
    std::set<std::pair<uint64_t, std::string>> found;
    for (const auto& f : report["findings"]) found.insert({f["line"].get<uint64_t>(), f["rule"].get<std::string>()});
    const std::string faults = ReadText(Path("faults.csv"));
    size_t checked = 0;
    std::istringstream in(faults);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        const auto comma = line.find(',');
        EXPECT_TRUE(found.count({std::stoull(line.substr(0, comma)), line.substr(comma + 1)})) << line;
        ++checked;
    }
    EXPECT_GT(checked, 200u);
}

TEST_F(CliTest, AcceptedRecordsFormAFileThatValidatesCleanly) {
    ASSERT_EQ(Did("generate --rows 2000 --seed 9 --period 2026-10 --submitted 2026-11-05 --error-rate 0.2 "
                  "--quote-rate 0.2 --out extract.csv")
                  .exit_code,
              0);
    auto first = Did("validate extract.csv --period 2026-10 --submitted 2026-11-05 --format json --accepted ok.csv");
    ASSERT_EQ(first.exit_code, 0);
    const auto report = nlohmann::json::parse(first.out);
    const uint64_t accepted = report["records"]["accepted"];
    EXPECT_EQ(CountLines(ReadText(Path("ok.csv"))), accepted + 1);  // plus the header
    auto second = Did("validate ok.csv --period 2026-10 --submitted 2026-11-05 --format json");
    ASSERT_EQ(second.exit_code, 0);
    const auto again = nlohmann::json::parse(second.out);
    EXPECT_EQ(again["records"]["total"], accepted);
    EXPECT_EQ(again["records"]["rejected"], 0);
    // Unrecognised referrers were stored as 99, so they draw no DIDS023 the second time.
    EXPECT_LE(again["records"]["warned"], report["records"]["warned"]);
    for (const auto& f : again["findings"]) {
        EXPECT_EQ(f["severity"], "warn");
        EXPECT_NE(f["rule"], "DIDS023");
    }
}

TEST_F(CliTest, ARejectedFileExitsWithOneAndWritesNoAcceptedRecords) {
    WriteText(Path("bad.csv"), "1,2,3\n");
    const auto r = Did("validate bad.csv --accepted ok.csv --findings findings.csv");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("FILE REJECTED"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("line 1: the line has 3 columns"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(Path("ok.csv")));
    EXPECT_FALSE(std::filesystem::exists(Path("ok.csv.partial")));
    EXPECT_EQ(
        ReadText(Path("findings.csv")),
        "line,site_code,accession_number,field,rule,severity,value,message\n1,,,FILE,DIDS075,file,,the line has 3 "
        "columns; a DID record has 18\n");
}

// A badly broken file has more findings than are kept in memory: the report on standard
// output and the findings file, written side by side, must both hold every one of them.
TEST_F(CliTest, FindingsCsvListsEveryFinding) {
    ASSERT_EQ(Did("generate --rows 120000 --seed 5 --period 2026-10 --submitted 2026-11-05 --error-rate 0.7 "
                  "--out extract.csv")
                  .exit_code,
              0);
    const auto r = Did("validate extract.csv --period 2026-10 --submitted 2026-11-05 --format json --findings f.csv");
    ASSERT_EQ(r.exit_code, 0);
    const auto report = nlohmann::json::parse(r.out);
    uint64_t counted = 0;
    for (const auto& rule : report["rules"]) counted += rule["count"].get<uint64_t>();
    const size_t findings = report["findings"].size();
    EXPECT_GT(findings, 65536u);  // more than the findings kept in memory: some were spilled
    EXPECT_EQ(findings, counted);
    const std::string csv = ReadText(Path("f.csv"));
    EXPECT_TRUE(csv.starts_with("line,site_code,accession_number,field,rule,severity,value,message\n"));
    // Values never hold line breaks here, so lines count rows.
    EXPECT_EQ(CountLines(csv), findings + 1);
    // The last finding is the same in both.
    const size_t last_row = csv.rfind('\n', csv.size() - 2) + 1;
    EXPECT_EQ(csv.substr(last_row, csv.find(',', last_row) - last_row),
              std::to_string(report["findings"].back()["line"].get<uint64_t>()));
}

// libpq is loaded when a PostgreSQL database is first used; DID_LIBPQ names it when it is not
// where the loader looks. Whatever goes wrong, the message says which library and what to do.
TEST_F(CliTest, ThePostgreSQLClientLibraryIsNamedWhenItCannotBeLoaded) {
    const std::string db = " --db postgresql://nobody@127.0.0.1:1/nothing";
    auto r = did::testing::Run("cd '" + dir_ + "' && DID_LIBPQ=/nonexistent/libpq.so.5 '" + kDid +
                               "' status --period 2026-10" + db + " 2>&1");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("cannot load the PostgreSQL client library /nonexistent/libpq.so.5 ("), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("check DID_LIBPQ"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("usage:"), std::string::npos) << r.out;  // the arguments were fine
    // A library that is not libpq (the C library is on every machine).
    r = did::testing::Run("cd '" + dir_ + "' && DID_LIBPQ=libc.so.6 '" + kDid + "' status --period 2026-10" + db +
                          " 2>&1");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("libc.so.6 has no PQconnectdb: it is not libpq, or too old a one"), std::string::npos)
        << r.out;
    // The SQLite commands never load it at all.
    r = did::testing::Run("cd '" + dir_ + "' && export DID_LIBPQ=/nonexistent/libpq.so.5 DID_DATA_DIR='" + dir_ +
                          "/data' && '" + kDid + "' db migrate --db sqlite:" + Path("s.sqlite") + " && '" + kDid +
                          "' status --period 2026-10 --db sqlite:" + Path("s.sqlite") + " 2>&1");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    // Bad arguments still point at the help.
    r = did::testing::Run("cd '" + dir_ + "' && '" + kDid + "' status --db sqlite:" + Path("s.sqlite") + " 2>&1");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("did status: --period is required\nSee 'did status --help'."), std::string::npos) << r.out;
}

TEST_F(CliTest, TextReportForAPerson) {
    ASSERT_EQ(Did("generate --rows 500 --seed 3 --period 2026-10 --submitted 2026-11-05 --error-rate 0.05 "
                  "--out extract.csv")
                  .exit_code,
              0);
    const auto r = Did("validate extract.csv --period 2026-10 --submitted 2026-11-05 --provider RXX");
    ASSERT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Provider RXX, period 2026-10, submitted 2026-11-05"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("FILE ACCEPTED, but some records were rejected"), std::string::npos) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("\n  Records +500\n"))) << r.out;
    EXPECT_NE(r.out.find("did validate extract.csv --provider RXX --period 2026-10 --submitted 2026-11-05 "
                         "--findings findings.csv"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("ODS organisation reference data: DIDS024"), std::string::npos) << r.out;
}

TEST_F(CliTest, ReadsStandardInput) {
    ASSERT_EQ(Did("generate --rows 100 --period 2026-10 --submitted 2026-11-05 --out extract.csv").exit_code, 0);
    const auto r = Did("validate - --period 2026-10 --submitted 2026-11-05 --format json < extract.csv");
    ASSERT_EQ(r.exit_code, 0);
    EXPECT_EQ(nlohmann::json::parse(r.out)["records"]["accepted"], 100);
}

TEST_F(CliTest, RulesPageInDocsIsGeneratedFromTheCatalogue) {
    const auto r = Did("rules --format markdown");
    ASSERT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, ReadText(std::string(DID_SOURCE_DIR) + "/docs/rules.md"))
        << "regenerate with: did rules --format markdown > docs/rules.md";
    const auto json = nlohmann::json::parse(Did("rules --format json").out);
    EXPECT_EQ(json.size(), 65u);
}

TEST_F(CliTest, ShippedReferenceSamplesAreWhatTheGeneratorWrites) {
    ASSERT_EQ(Did("refdata samples samples").exit_code, 0);
    for (const char* file : {"epraccur.csv", "etr.csv", "ets.csv", "ephp.csv", "onspd.csv", "icb.csv"}) {
        EXPECT_EQ(ReadText(Path("samples/") + file), ReadText(std::string(DID_SOURCE_DIR) + "/data/samples/" + file))
            << file << ": regenerate with: did refdata samples data/samples";
    }
}

TEST_F(CliTest, CatalogueImportReplacesTheShippedOneInTheDatabase) {
    WriteText(Path("bad.csv"), "nicip_code,snomed_ct_id\nXCHES,399208009\n");
    auto r = Did("refdata import bad.csv", true);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("line 2: SNOMED CT id 399208009 fails its Verhoeff check digit"), std::string::npos) << r.out;
    r = Did("refdata show --format csv");
    EXPECT_NE(r.out.find("\nNICIP catalogue,shipped,,2787,,\n"), std::string::npos) << r.out;

    // Two codes instead of 2,787: held back until confirmed.
    WriteText(Path("release.csv"), "nicip_code,snomed_ct_id\nXCHES,399208008\nUABDO,45036003\n");
    r = Did("refdata import release.csv");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.out.find("Held back"), std::string::npos) << r.out;
    r = Did("refdata import release.csv --confirm-drop");
    ASSERT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Imported 2 NICIP codes into the database"), std::string::npos) << r.out;
    r = Did("refdata show --format csv");
    EXPECT_NE(r.out.find("\nNICIP catalogue,imported,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(",2,release.csv,"), std::string::npos) << r.out;

    // XWRIL was in the shipped catalogue, not in this release.
    WriteText(Path("one.csv"),
              "4010232137,01,1980-05-17,A,1,LS1 4AP,B82005,04,G1234567,B82005,2026-10-01,2026-10-02,"
              "2026-10-10,XWRIL,,2026-10-11,RH802,ACC1\n");
    const auto report = nlohmann::json::parse(Did("validate one.csv --provider RH8 --period 2026-10 --submitted "
                                                  "2026-11-05 --format json --db sqlite:data/did.sqlite")
                                                  .out);
    ASSERT_EQ(report["findings"].size(), 1u) << report.dump();
    EXPECT_EQ(report["findings"][0]["rule"], "DIDS057");
}

}  // namespace
