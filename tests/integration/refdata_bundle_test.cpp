// Reference data from the command line, on both backends, with the real `did` binary:
// - a trust's `did validate --refdata BUNDLE` finds exactly what `did submit --dry-run` finds
//   on the database the bundle was exported from, file after file;
// - a NICIP release that removes most of the catalogue is held back until confirmed;
// - every import and export is audited; `did refdata show` lists every data set;
// - a bundle holds reference data only: no submission, record, finding or audit entry.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "integration/process.hpp"
#include "store/store.hpp"
#include "store/test_databases.hpp"

namespace {

using did::store::Backend;
using did::testing::ReadText;
using did::testing::WriteText;
using nlohmann::json;

class RefdataBundleTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        database_ = std::make_unique<did::store::TestDatabase>(GetParam());
        if (database_->url().empty()) {
            if (database_->required()) FAIL() << database_->skip_reason();
            GTEST_SKIP() << database_->skip_reason();
        }
        dir_ = did::testing::MakeTempDir("did_refdata_bundle");
    }
    void TearDown() override {
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    // did in this test's directory, with its own data directory; standard error with the output.
    did::testing::ProcessResult Run(const std::string& args) const {
        return did::testing::Run(Command(args) + " 2>&1");
    }
    // Standard output only, as JSON.
    json Out(const std::string& args) const {
        const auto r = did::testing::Run(Command(args));
        EXPECT_TRUE(json::accept(r.out)) << args << "\n" << r.out;
        return json::accept(r.out) ? json::parse(r.out) : json();
    }
    std::string Command(const std::string& args) const {
        return "cd '" + dir_ + "' && DID_USER=admin.central DID_DATA_DIR='" + dir_ + "/data' '" DID_BINARY "' " + args;
    }
    // The same, on this test's database.
    did::testing::ProcessResult Did(const std::string& args) const { return Run(args + " --db '" + Url() + "'"); }
    json DidJson(const std::string& args) const { return Out(args + " --db '" + Url() + "'"); }
    std::string Url() const { return database_->url(); }
    std::string Path(const std::string& name) const { return dir_ + "/" + name; }
    static bool Has(const did::testing::ProcessResult& r, const std::string& text) {
        return r.out.find(text) != std::string::npos;
    }

    // The shipped catalogue less every eleventh code and with a few codes retiring: a release a
    // file generated from the shipped catalogue draws findings against.
    std::string Release() const {
        std::istringstream shipped(ReadText(std::string(DID_SOURCE_DIR) + "/data/nicip_catalogue.csv"));
        std::string line;
        std::string release;
        for (int n = 0; std::getline(shipped, line); ++n) {
            if (line.starts_with("XKNEL,")) {
                release += line.substr(0, line.size() - 2) + ",2026-09-01,\n";  // retired, in its grace period
            } else if (n == 0 || n % 11 != 0) {
                release += line + "\n";
            }
        }
        return release;
    }

    // A collection's database: ODS, postcodes, an imported release, an agreement, approved
    // local codes (and one only notified), exclusions.
    void SetUpCollection() {
        ASSERT_EQ(Run("refdata samples samples").exit_code, 0);
        for (const char* file : {"epraccur", "etr", "ets", "ephp"}) {
            const auto r = Did(std::string("refdata import-ods samples/") + file + ".csv");
            ASSERT_EQ(r.exit_code, 0) << r.out;
        }
        ASSERT_EQ(Did("refdata import-postcodes samples/onspd.csv").exit_code, 0);
        WriteText(Path("nicip_release.csv"), Release());
        auto r = Did("refdata import nicip_release.csv");
        ASSERT_EQ(r.exit_code, 0) << r.out;
        for (const char* command :
             {"agreement add --provider RXX --for RYJ --from 2026-01",
              "local-codes notify --provider RXX --code LXCHES --nicip XCHES",
              "local-codes approve --provider RXX --code LXCHES",
              "local-codes notify --provider RXX --code LUABDO --nicip UABDO",  // notified, never approved
              "local-codes notify --provider NV7 --code NVCHES --nicip XCHES",
              "local-codes approve --provider NV7 --code NVCHES", "exclusions add --site RXX09 --reason 'screening'",
              "exclusions add --code NPET --reason 'research'"}) {
            r = Did(command);
            ASSERT_EQ(r.exit_code, 0) << command << "\n" << r.out;
        }
    }

    std::unique_ptr<did::store::TestDatabase> database_;
    std::string dir_;
};

// Where column `column` (from 0) of `line` starts, or npos.
size_t ColumnStart(const std::string& line, int column) {
    size_t start = 0;
    for (int i = 0; i < column && start != std::string::npos; ++i) {
        start = line.find(',', start);
        if (start != std::string::npos) ++start;
    }
    return start;
}

// `edit` applied to every line of `text` but the header.
std::string EachRecord(const std::string& text, const std::function<void(int, std::string&)>& edit) {
    std::istringstream in(text);
    std::string out;
    std::string line;
    for (int n = 0; std::getline(in, line); ++n) {
        if (n > 0) edit(n, line);
        out += line + "\n";
    }
    return out;
}

// The NICIP code (the 14th column) `from` sent as the local code `to`.
std::string WithLocalCode(const std::string& text, const std::string& from, const std::string& to) {
    return EachRecord(text, [&](int, std::string& line) {
        const size_t code = ColumnStart(line, 13);
        if (code != std::string::npos && line.compare(code, from.size() + 1, from + ",") == 0) {
            line.replace(code, from.size(), to);
        }
    });
}

// The postcode (the 6th column) of every `nth` record one in the right shape that no directory lists.
std::string WithUnknownPostcodes(const std::string& text, int nth) {
    return EachRecord(text, [&](int n, std::string& line) {
        const size_t postcode = ColumnStart(line, 5);
        const size_t end = postcode == std::string::npos ? postcode : line.find(',', postcode);
        if (n % nth == 0 && end != std::string::npos) line.replace(postcode, end - postcode, "YO1 9ZZ");
    });
}

// What both commands must agree on: everything the report found.
json Findings(const json& report) {
    return {{"file_errors", report["file_errors"]},
            {"records", report["records"]},
            {"rules", report["rules"]},
            {"findings", report["findings"]}};
}

TEST_P(RefdataBundleTest, ValidateWithTheBundleFindsWhatADryRunSubmissionFinds) {
    SetUpCollection();
    auto r = Did("refdata export bundle.did");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "Exported bundle.did")) << r.out;

    struct Case {
        const char* provider;
        const char* sites;
        double error_rate;
        bool local_codes;
    };
    const Case kinds[] = {
        {"RXX", "RXX01,RXX02", 0.0, false},  {"RXX", "RXX01,RXX09", 0.05, true},  // an excluded site
        {"RXX", "RXX02,RYJ01", 0.02, false}, {"RXX", "RXX01,RYY01", 0.1, true},   // RYY: no agreement
        {"RXX", "RXX03,RXX77", 0.2, false},  {"NV7", "NV701,NV702", 0.05, true},  // RXX77: not in ODS
        {"RYJ", "RYJ01", 0.02, false},       {"RYJ", "RYJ01,RXX01", 0.1, true},   // RXX's site, no agreement
        {"RXX", "RXX01", 0.5, false},        {"NV7", "NV701,RXX09", 0.0, true},
    };
    std::set<std::string> rules_seen;
    int differs_without_bundle = 0;
    for (int i = 0; i < 20; ++i) {
        const Case& c = kinds[i % 10];
        const std::string file = "file" + std::to_string(i) + ".csv";
        r = Run("generate --rows " + std::to_string(200 + 37 * i) + " --seed " + std::to_string(100 + i) +
                " --period 2026-10 --submitted 2026-11-05 --provider " + c.provider + " --sites " + c.sites +
                " --error-rate " + std::to_string(c.error_rate) + " --out " + file);
        ASSERT_EQ(r.exit_code, 0) << r.out;
        std::string text = ReadText(Path(file));
        if (c.local_codes) {
            const std::string local = c.provider == std::string("NV7") ? "NVCHES" : "LXCHES";
            text = WithLocalCode(WithLocalCode(text, "XCHES", local), "UABDO", "LUABDO");
        }
        if (i % 2 == 1) text = WithUnknownPostcodes(text, 5 + i);
        WriteText(Path(file), text);
        const std::string subject =
            std::string(" --provider ") + c.provider + " --period 2026-10 --submitted 2026-11-05 --format json";
        const json with_bundle = Out("validate " + file + subject + " --refdata bundle.did");
        ASSERT_TRUE(with_bundle.is_object()) << file;
        const json submitted = DidJson("submit " + file + subject + " --dry-run");
        ASSERT_EQ(submitted["result"], "dry run") << file << "\n" << submitted.dump();
        const json& report = submitted["report"];

        EXPECT_EQ(Findings(with_bundle), Findings(report))
            << file << ": " << json::diff(Findings(report), Findings(with_bundle)).dump(2);
        EXPECT_EQ(with_bundle["reference_data"]["source"], "bundle");
        EXPECT_EQ(report["reference_data"]["source"], "database");
        EXPECT_EQ(with_bundle["reference_data"]["catalogue"], report["reference_data"]["catalogue"]);
        for (const auto& rule : with_bundle["rules"]) rules_seen.insert(rule["rule"].get<std::string>());

        // Without the bundle, the same file is checked against the shipped catalogue alone.
        if (Findings(Out("validate " + file + subject)) != Findings(with_bundle)) ++differs_without_bundle;
    }
    // The files drew on every kind of reference data the bundle carries.
    for (const char* rule : {"DIDS057", "DIDC-SITE", "DIDC-EXCLUDED", "DIDS068", "DIDS016", "DIDS018"}) {
        EXPECT_TRUE(rules_seen.count(rule)) << rule << " never fired";
    }
    EXPECT_GE(differs_without_bundle, 15);
}

TEST_P(RefdataBundleTest, AReleaseThatRemovesMostCodesIsHeldBackUntilConfirmed) {
    WriteText(Path("small.csv"), "nicip_code,snomed_ct_id\nXCHES,399208008\nUABDO,45036003\n");
    auto r = Did("refdata import small.csv");
    EXPECT_EQ(r.exit_code, 3) << r.out;
    EXPECT_TRUE(Has(r,
                    "Held back: small.csv has 2 NICIP codes and keeps only 2 of the 2,787 in the shipped "
                    "catalogue (0%); 2,785 codes would be gone."))
        << r.out;
    EXPECT_TRUE(Has(r, "--confirm-drop")) << r.out;
    json show = DidJson("refdata show --format json");
    ASSERT_FALSE(show.empty());
    EXPECT_EQ(show[0]["data_set"], "NICIP catalogue");
    EXPECT_EQ(show[0]["source"], "shipped");
    EXPECT_EQ(show[0]["count"], 2787);

    // Keeping 70% or more goes through unconfirmed: the submission's drop guard.
    std::istringstream shipped(ReadText(std::string(DID_SOURCE_DIR) + "/data/nicip_catalogue.csv"));
    std::string most;
    std::string line;
    for (int n = 0; std::getline(shipped, line); ++n) {
        if (n <= 1951) most += line + "\n";  // the header and 1,951 codes: 70.0%
    }
    WriteText(Path("most.csv"), most);
    r = Did("refdata import most.csv");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r,
                    "Imported 1,951 NICIP codes into the database, replacing the shipped catalogue: 0 new, 836 "
                    "removed"))
        << r.out;

    r = Did("refdata import small.csv --confirm-drop");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "Imported 2 NICIP codes into the database, replacing the catalogue imported on ")) << r.out;
    show = DidJson("refdata show --format json");
    EXPECT_EQ(show[0]["source"], "imported");
    EXPECT_EQ(show[0]["count"], 2);
    EXPECT_EQ(show[0]["file"], "small.csv");
    EXPECT_EQ(show[0]["by"], "admin.central");

    // Every server on the database uses it: another data directory sees the same catalogue.
    WriteText(Path("one.csv"),
              "4010232137,01,1980-05-17,A,1,LS1 4AP,B82005,04,G1234567,B82005,2026-10-01,2026-10-02,"
              "2026-10-10,XWRIL,,2026-10-11,RXX01,ACC1\n");
    const auto elsewhere = did::testing::Run("cd '" + dir_ + "' && DID_DATA_DIR='" + dir_ +
                                             "/other' '" DID_BINARY
                                             "' submit one.csv --provider RXX --period 2026-10 --submitted "
                                             "2026-11-05 --dry-run --format json --db '" +
                                             Url() + "'");
    ASSERT_TRUE(json::accept(elsewhere.out)) << elsewhere.out;
    const json report = json::parse(elsewhere.out)["report"];
    ASSERT_EQ(report["findings"].size(), 1u) << report.dump();
    EXPECT_EQ(report["findings"][0]["rule"], "DIDS057");  // XWRIL is not in the release
    EXPECT_EQ(report["reference_data"]["catalogue"]["codes"], 2);
}

TEST_P(RefdataBundleTest, EveryReferenceDataImportAndExportIsAudited) {
    ASSERT_EQ(Run("refdata samples samples").exit_code, 0);
    ASSERT_EQ(Did("refdata import-ods samples/etr.csv").exit_code, 0);
    ASSERT_EQ(Did("refdata import-postcodes samples/onspd.csv").exit_code, 0);
    WriteText(Path("small.csv"), "nicip_code,snomed_ct_id\nXCHES,399208008\n");
    ASSERT_EQ(Did("refdata import small.csv").exit_code, 3);
    ASSERT_EQ(Did("refdata import small.csv --confirm-drop").exit_code, 0);
    ASSERT_EQ(Did("refdata export bundle.did --no-postcodes").exit_code, 0);

    auto sha256 = [&](const std::string& file) {
        return did::testing::Run("sha256sum '" + Path(file) + "'").out.substr(0, 64);
    };
    const json entries = DidJson("audit --format json");
    std::vector<std::string> actions;
    for (const auto& e : entries) {
        actions.push_back(e["action"]);
        EXPECT_EQ(e["actor"], "admin.central");
    }
    EXPECT_EQ(actions,
              (std::vector<std::string>{"refdata.ods_imported", "refdata.postcodes_imported", "refdata.nicip_held_back",
                                        "refdata.nicip_imported", "refdata.exported"}));
    auto detail = [&](size_t i) { return json::parse(entries[i]["detail"].get<std::string>()); };
    EXPECT_EQ(entries[0]["subject"], "trust");
    EXPECT_EQ(detail(0)["sha256"], sha256("samples/etr.csv"));
    EXPECT_EQ(detail(0)["organisations"], "3");
    EXPECT_EQ(detail(1)["sha256"], sha256("samples/onspd.csv"));
    EXPECT_EQ(detail(1)["postcodes"], "3000");
    EXPECT_EQ(detail(2)["removed"], "2786");
    EXPECT_EQ(detail(3)["sha256"], sha256("small.csv"));
    EXPECT_EQ(detail(3)["codes"], "1");
    EXPECT_EQ(detail(3)["new"], "0");
    EXPECT_EQ(detail(3)["removed"], "2786");
    EXPECT_EQ(detail(3)["confirmed_drop"], "yes");
    EXPECT_EQ(entries[4]["subject"], "bundle.did");
    EXPECT_EQ(detail(4)["sha256"], sha256("bundle.did"));
    EXPECT_EQ(detail(4)["postcodes"], "0");
    EXPECT_EQ(detail(4)["catalogue"], "imported");
    EXPECT_EQ(Did("audit verify").exit_code, 0);
}

TEST_P(RefdataBundleTest, ShowListsEveryDataSetInEachFormat) {
    SetUpCollection();
    const json rows = DidJson("refdata show --format json");
    ASSERT_EQ(rows.size(), 11u) << rows.dump(2);
    std::vector<std::string> names;
    for (const auto& row : rows) names.push_back(row["data_set"]);
    EXPECT_EQ(names, (std::vector<std::string>{"NICIP catalogue", "ODS GP practices", "ODS NHS trusts", "ODS sites",
                                               "ODS independent providers", "ODS other organisations",
                                               "ONS Postcode Directory", "ICB names and codes", "agreements",
                                               "approved local codes", "exclusions"}));
    const int shipped = 2787;
    EXPECT_EQ(rows[0]["source"], "imported");
    EXPECT_EQ(rows[0]["count"], shipped - shipped / 11);
    EXPECT_EQ(rows[0]["file"], "nicip_release.csv");
    EXPECT_EQ(rows[1]["count"], 61);
    EXPECT_EQ(rows[2]["count"], 3);
    EXPECT_EQ(rows[3]["file"], "samples/ets.csv");
    EXPECT_EQ(rows[5]["source"], "none");
    EXPECT_TRUE(rows[5]["date"].is_null());
    EXPECT_EQ(rows[6]["count"], 3000);
    EXPECT_EQ(rows[7]["source"], "none");  // the ICBs' names are not imported here
    EXPECT_EQ(rows[7]["count"], 0);
    EXPECT_EQ(rows[8]["count"], 1);
    EXPECT_EQ(rows[9]["count"], 2);  // LUABDO is only notified
    EXPECT_EQ(rows[10]["count"], 2);
    for (const auto& row : rows) {
        EXPECT_TRUE(row["source"] == "none" || row["date"].is_string()) << row.dump();
    }

    auto r = Did("refdata show --format csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(r.out.starts_with("data_set,source,date,count,file,by\nNICIP catalogue,imported,")) << r.out;
    EXPECT_TRUE(Has(r, "\nODS other organisations,none,,0,,\n")) << r.out;
    r = Did("refdata show");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "ONS Postcode Directory")) << r.out;
    EXPECT_TRUE(Has(r, "3,000")) << r.out;

    // A bundle lists the same, its rules of engagement as of its export.
    ASSERT_EQ(Did("refdata export bundle.did").exit_code, 0);
    const json in_bundle = Out("refdata show --format json --db sqlite:bundle.did");
    ASSERT_EQ(in_bundle.size(), 11u);
    for (size_t i = 0; i < 8; ++i) EXPECT_EQ(in_bundle[i], rows[i]) << i;
    EXPECT_EQ(in_bundle[8]["source"], "bundle");
    EXPECT_EQ(in_bundle[9]["count"], 2);
}

TEST_P(RefdataBundleTest, ABundleHoldsReferenceDataOnly) {
    SetUpCollection();
    ASSERT_EQ(Run("generate --rows 300 --seed 3 --period 2026-10 --submitted 2026-11-05 --error-rate 0.05 --out "
                  "october.csv")
                  .exit_code,
              0);
    auto r = Did("submit october.csv --provider RXX --period 2026-10 --submitted 2026-11-05");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    ASSERT_EQ(Did("refdata export bundle.did").exit_code, 0);
    ASSERT_EQ(Did("refdata export small.did --no-postcodes").exit_code, 0);

    auto count = [](did::store::SqlConnection& db, const std::string& table) {
        auto row = db.QueryOne("SELECT COUNT(*) FROM " + table);
        EXPECT_TRUE(row && *row) << table;
        return row && *row ? (*row)->Int(0) : -1;
    };
    auto bundle = did::store::Connect("sqlite:" + Path("bundle.did"), did::store::IfMissing::kFail);
    ASSERT_TRUE(bundle) << bundle.error().message;
    for (const char* table :
         {"submissions", "records", "findings", "duplicate_examinations", "audit_log", "cube_activity", "cube_gp",
          "cube_geography", "cube_waits", "window_exceptions", "expected_submitters", "postcodes"}) {
        EXPECT_EQ(count(**bundle, table), 0) << table;
    }
    EXPECT_EQ(count(**bundle, "local_codes"), 2);  // approved only
    EXPECT_EQ(count(**bundle, "organisations"), 61 + 3 + 9 + 1);
    EXPECT_EQ(count(**bundle, "nicip_codes"), 2787 - 2787 / 11);
    EXPECT_EQ(count(**bundle, "refdata_snapshots"), 1);
    EXPECT_EQ(count(**bundle, "refdata_bundle"), 1);
    auto small = did::store::Connect("sqlite:" + Path("small.did"), did::store::IfMissing::kFail);
    ASSERT_TRUE(small);
    EXPECT_EQ(count(**small, "refdata_snapshots"), 0);
    EXPECT_EQ(count(**small, "refdata_imports WHERE dataset = 'postcodes'"), 0);

    // A bundle is handed out: a submission pointed at it by mistake is refused, and stores nothing.
    r = Run("submit october.csv --provider RXX --period 2026-10 --submitted 2026-11-05 --db 'sqlite:" +
            Path("bundle.did") + "'");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.out.find("reference data bundle"), std::string::npos) << r.out;
    EXPECT_EQ(count(**bundle, "submissions"), 0);
    EXPECT_EQ(count(**bundle, "audit_log"), 0);

    // Without the postcode directory, DIDS016 is said not to have been checked.
    const json report =
        Out("validate october.csv --provider RXX --period 2026-10 --submitted 2026-11-05 --format json --refdata "
            "small.did");
    bool postcodes_not_run = false;
    for (const auto& rule : report["rules_not_run"]) postcodes_not_run |= rule["rule"] == "DIDS016";
    EXPECT_TRUE(postcodes_not_run) << report["rules_not_run"].dump();
}

TEST_P(RefdataBundleTest, TheReportSaysWhichReferenceDataItUsed) {
    SetUpCollection();
    ASSERT_EQ(Did("refdata export bundle.did").exit_code, 0);
    ASSERT_EQ(Run("generate --rows 100 --seed 8 --period 2026-10 --submitted 2026-11-05 --error-rate 0.1 --out f.csv")
                  .exit_code,
              0);
    const std::string subject = " --provider RXX --period 2026-10 --submitted 2026-11-05";
    auto r = Run("validate f.csv" + subject + " --refdata bundle.did");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "Reference data: bundle bundle.did exported 20")) << r.out;
    EXPECT_TRUE(Has(r, "; NICIP catalogue imported 20")) << r.out;
    EXPECT_TRUE(Has(r, " from nicip_release.csv (2,534 codes)")) << r.out;
    EXPECT_TRUE(Has(r, "other providers' stored submissions: DIDC-DUPLICATE-PROVIDER")) << r.out;
    EXPECT_TRUE(Has(r, "--refdata bundle.did --findings findings.csv")) << r.out;

    json report = Out("validate f.csv" + subject + " --refdata bundle.did --format json");
    EXPECT_EQ(report["reference_data"]["location"], "bundle.did");
    EXPECT_TRUE(report["reference_data"]["exported_at"].is_string());
    EXPECT_EQ(report["reference_data"]["catalogue"]["source"], "imported");
    EXPECT_EQ(report["reference_data"]["catalogue"]["file"], "nicip_release.csv");

    report = DidJson("validate f.csv" + subject + " --format json");
    EXPECT_EQ(report["reference_data"]["source"], "database");
    EXPECT_TRUE(report["reference_data"]["exported_at"].is_null());

    report = Out("validate f.csv --format json");
    EXPECT_EQ(report["reference_data"]["source"], "shipped");
    EXPECT_EQ(report["reference_data"]["catalogue"]["codes"], 2787);
    r = Run("validate f.csv");
    EXPECT_TRUE(Has(r, "Reference data: none but the NICIP catalogue")) << r.out;
}

TEST_P(RefdataBundleTest, ValidateRefusesWhatIsNotABundleAndNeedsTheSubject) {
    ASSERT_EQ(Run("generate --rows 10 --seed 8 --period 2026-10 --submitted 2026-11-05 --out f.csv").exit_code, 0);
    auto r = Run("validate f.csv --refdata bundle.did");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(Has(r, "--refdata requires --provider")) << r.out;
    r = Run("validate f.csv --provider RXX --period 2026-10 --refdata missing.did");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(Has(r, "there is no bundle missing.did")) << r.out;
    r = Run("validate f.csv --provider RXX --period 2026-10 --refdata f.csv");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(Has(r, "f.csv is not a reference data bundle")) << r.out;
    r = Run("validate f.csv --provider RXX --period 2026-10 --refdata f.did --db '" + Url() + "'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(Has(r, "excludes")) << r.out;

    ASSERT_EQ(Run("refdata samples samples").exit_code, 0);
    ASSERT_EQ(Did("refdata import-ods samples/etr.csv").exit_code, 0);
    r = Run("validate f.csv --provider RXQ --period 2026-10 --db '" + Url() + "'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(Has(r,
                    "RXQ is not a known ODS provider code (did you mean RXX?): a submission from it would be "
                    "refused"))
        << r.out;
    // An export never writes over anything but a bundle.
    WriteText(Path("keep.csv"), "keep me\n");
    r = Did("refdata export keep.csv");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(Has(r, "keep.csv exists and is not a reference data bundle")) << r.out;
    EXPECT_EQ(ReadText(Path("keep.csv")), "keep me\n");
    if (GetParam() == Backend::kSqlite) {
        r = Did("refdata export '" + Url().substr(7) + "'");
        EXPECT_EQ(r.exit_code, 2) << r.out;
    }
}

// A catalogue an earlier version imported into the data directory is not silently dropped:
// commands with a database ask for it to be imported there; plain `did validate` still reads it.
TEST_P(RefdataBundleTest, AnEarlierVersionsCatalogueFileMustBeImported) {
    std::filesystem::create_directories(Path("data/refdata"));
    WriteText(Path("data/refdata/nicip_catalogue.csv"), "nicip_code,snomed_ct_id\nXCHES,399208008\n");
    ASSERT_EQ(Run("generate --rows 10 --seed 8 --period 2026-10 --submitted 2026-11-05 --out f.csv").exit_code, 0);
    auto r = Did("submit f.csv --provider RXX --period 2026-10 --submitted 2026-11-05 --dry-run");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(Has(r,
                    "nicip_catalogue.csv holds a NICIP catalogue imported by an earlier version of did, but the "
                    "database holds none"))
        << r.out;
    const json plain = Out("validate f.csv --format json");
    EXPECT_EQ(plain["reference_data"]["source"], "data directory");
    EXPECT_EQ(plain["reference_data"]["catalogue"]["codes"], 1);

    r = Did("refdata import data/refdata/nicip_catalogue.csv --confirm-drop");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "no longer used by anything with a database: remove it")) << r.out;
    r = Did("submit f.csv --provider RXX --period 2026-10 --submitted 2026-11-05 --dry-run");
    EXPECT_NE(r.exit_code, 2) << r.out;
    const json show = DidJson("refdata show --format json");
    ASSERT_EQ(show.size(), 12u);
    EXPECT_EQ(show[11]["data_set"], "NICIP catalogue file of an earlier version");
}

INSTANTIATE_TEST_SUITE_P(Backends, RefdataBundleTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return did::store::BackendName(param_info.param); });

}  // namespace
