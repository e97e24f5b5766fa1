// Running a month of the collection from the `did` command line, as the central team and a
// provider's data manager would: reference data, who must submit, the timetable, submissions
// with every exit code, status, feedback, local codes, agreements, exclusions and the audit log.
// On the embedded database; both backends are covered below the command line.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "integration/collection_fixture.hpp"
#include "integration/process.hpp"

namespace {

using did::testing::CollectionCliTest;
using did::testing::kDid;
using did::testing::ReadText;

TEST_F(CollectionCliTest, AMonthFromFirstFileToStatus) {
    auto r = Did("status --period 2026-10");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "2 expected provider(s) missing")) << r.out;

    r = Submit("october.csv", "--prep-minutes 90 --comment 'a morning with the RIS' --findings october-findings.csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "Stored as submission 1")) << r.out;
    EXPECT_TRUE(Has(r, "FILE ACCEPTED, but some records were rejected")) << r.out;
    // The findings file holds what `did validate` would list for the same file and context.
    const std::string findings = ReadText(dir_ + "/october-findings.csv");
    EXPECT_TRUE(findings.starts_with("line,site_code,accession_number,field,rule,severity,value,message\n"))
        << findings;
    EXPECT_GT(std::count(findings.begin(), findings.end(), '\n'), 10) << findings;
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/october-findings.csv.partial"));

    r = Did("status --period 2026-10 --format csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r,
                    "provider,name,region,expected,status,days,first_usable_file,provisional_file,final_file,"
                    "current_file,received,back_dated,accepted,rejected,attempts\n"))
        << r.out;
    EXPECT_TRUE(Has(r,
                    "RXX,EXAMPLE HOSPITALS NHS TRUST,North East and Yorkshire,yes,on time,,2026-11-05,1,1,1,"
                    "2026-11-05,yes,"))
        << r.out;
    // Nothing sent: not yet due or overdue, as today stands against the cut-off (2026-11-26).
    const bool past_cutoff =
        r.out.find("RYJ,DEMONSTRATION TEACHING HOSPITALS NHS TRUST,North East and Yorkshire,yes,overdue,") !=
        std::string::npos;
    const bool before_cutoff =
        r.out.find("RYJ,DEMONSTRATION TEACHING HOSPITALS NHS TRUST,North East and Yorkshire,yes,not yet due,") !=
        std::string::npos;
    EXPECT_TRUE(past_cutoff || before_cutoff) << r.out;
    EXPECT_LT(r.out.find("RYJ,"), r.out.find("RXX,")) << "the most urgent first\n" << r.out;
    r = Did("status --period 2026-10 --format csv --status on-time");
    EXPECT_EQ(r.out.find("RYJ"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("RXX"), std::string::npos) << r.out;
    r = Did("status --period 2026-10 --format csv --provider RYJ");
    EXPECT_EQ(r.out.find("RXX"), std::string::npos) << r.out;

    r = Did("submissions --period 2026-10");
    EXPECT_TRUE(Has(r, "current")) << r.out;
    EXPECT_TRUE(Has(r, "dm.rxx")) << r.out;

    r = Did("feedback --period 2026-10");
    EXPECT_TRUE(Has(r, "median 90 minutes")) << r.out;
    EXPECT_TRUE(Has(r, "a morning with the RIS")) << r.out;
}

TEST_F(CollectionCliTest, EveryOutcomeHasItsOwnExitCode) {
    ASSERT_EQ(Submit("october.csv").exit_code, 0);

    auto r = Submit("october.csv");
    EXPECT_EQ(r.exit_code, 4) << r.out;
    EXPECT_TRUE(Has(r, "already received")) << r.out;
    r = Submit("october.csv", "--dry-run");  // the dry run knows it too, and exits the same way
    EXPECT_EQ(r.exit_code, 4) << r.out;
    EXPECT_TRUE(Has(r, "A real submission would be: already received.")) << r.out;

    Head("fewer.csv", 501);
    r = Submit("fewer.csv");
    EXPECT_EQ(r.exit_code, 3) << r.out;
    EXPECT_TRUE(Has(r, "Held back")) << r.out;
    EXPECT_TRUE(Has(r, "--confirm-drop")) << r.out;

    // A dry run exits as the real submission would, and says what would drop out.
    r = Submit("fewer.csv", "--dry-run");
    EXPECT_EQ(r.exit_code, 3) << r.out;
    EXPECT_TRUE(Has(r, "Dry run, nothing stored")) << r.out;
    EXPECT_TRUE(Has(r, "removed: site RXX0")) << r.out;

    r = Submit("fewer.csv", "--confirm-drop --format json");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const auto json = nlohmann::json::parse(r.out);
    EXPECT_EQ(json["result"], "stored");
    EXPECT_EQ(json["previous"], 1);
    EXPECT_GT(json["report"]["records"]["accepted"].get<int>(), 450);

    std::ofstream(dir_ + "/wrong.csv") << "not,a,did,file\n";
    r = Submit("wrong.csv");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(Has(r, "FILE REJECTED")) << r.out;

    r = Did("submit --provider RXX --period 2026-10 october.csv --submitted 2027-06-01");
    EXPECT_EQ(r.exit_code, 5) << r.out;
    EXPECT_TRUE(Has(r, "the window for 2026-10 closed on 2027-04-30")) << r.out;

    r = Did("submit --provider RXX --period 2026-10 october.csv --submitted 2026-11-05 --prep-minutes -3");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_TRUE(Has(r, "--prep-minutes: '-3' is not a whole number from 0 to 100,000")) << r.out;

    r = Did("submissions --period 2026-10");
    EXPECT_TRUE(Has(r, "superseded")) << r.out;
}

TEST_F(CollectionCliTest, StandardInputIsSpooledAndKnownAgainByItsHash) {
    auto r = did::testing::Run("cd '" + dir_ + "' && DID_DATA_DIR='" + dir_ + "/data' DID_DB='sqlite:" + dir_ +
                               "/did.sqlite' '" + kDid +
                               "' submit --provider RXX --period 2026-10 - --submitted 2026-11-05 < october.csv 2>&1");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "DID validation of standard input")) << r.out;
    // The same bytes from a file (read once, hashed on the way) are recognised.
    r = Submit("october.csv");
    EXPECT_EQ(r.exit_code, 4) << r.out;
    EXPECT_TRUE(Has(r, "already received")) << r.out;
    r = Did("audit list --format csv");
    EXPECT_TRUE(Has(r, "submission.duplicate_file")) << r.out;
}

TEST_F(CollectionCliTest, AdministrationIsRecordedAndTheAuditChainHolds) {
    auto r = Did("timetable rule --cutoff-day 20", "admin.central");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    // 2026-10's cut-off had passed: it keeps its dates. A month still to come follows the new rule.
    r = Did("timetable --from 2026-10 --to 2026-10 --format csv");
    EXPECT_TRUE(Has(r, "2026-10,2026-11-01,2026-11-26,2026-11-30,2027-04-30,frozen")) << r.out;
    r = Did("timetable --from 2099-10 --to 2099-10 --format csv");
    EXPECT_TRUE(Has(r, "2099-10,2099-11-01,2099-11-20,")) << r.out;

    r = Did("exception grant --provider RXX --period 2026-10 --until 2027-05-31 --reason 'RIS migration'",
            "admin.central");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    r = Did("submit --provider RXX --period 2026-10 october.csv --submitted 2027-05-10");
    EXPECT_EQ(r.exit_code, 0) << r.out;

    ASSERT_EQ(Did("local-codes notify --provider RXX --code LX001 --nicip XCHES").exit_code, 0);
    r = Did("local-codes list --status notified");
    EXPECT_TRUE(Has(r, "LX001")) << r.out;
    ASSERT_EQ(Did("local-codes approve --provider RXX --code LX001", "admin.central").exit_code, 0);
    r = Did("local-codes list --status approved");
    EXPECT_TRUE(Has(r, "admin.central")) << r.out;
    r = Did("local-codes usage --period 2026-10");
    EXPECT_TRUE(Has(r, "RXX")) << r.out;

    ASSERT_EQ(Did("agreement add --provider RXX --for RYJ --from 2026-01", "admin.central").exit_code, 0);
    EXPECT_TRUE(Has(Did("agreement list"), "RYJ"));
    ASSERT_EQ(Did("exclusions add --site RXX09 --reason 'breast screening'", "admin.central").exit_code, 0);
    EXPECT_TRUE(Has(Did("exclusions list"), "breast screening"));
    EXPECT_EQ(Did("duplicates --period 2026-10").exit_code, 0);

    r = Did("audit list --format csv");
    for (const char* action : {"timetable.rule_changed", "exception.granted", "submission.stored",
                               "local_code.notified", "local_code.approved", "agreement.recorded", "exclusion.added"}) {
        EXPECT_TRUE(Has(r, action)) << action << "\n" << r.out;
    }
    EXPECT_TRUE(Has(r, "admin.central")) << r.out;
    r = Did("audit verify");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "intact")) << r.out;

    // Tampering with a past entry shows.
    ASSERT_EQ(did::testing::Run("sqlite3 '" + dir_ +
                                "/did.sqlite' \"DROP TRIGGER audit_log_no_update; "
                                "UPDATE audit_log SET actor = 'someone.else' WHERE seq = 2\"")
                  .exit_code,
              0);
    r = Did("audit verify");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(Has(r, "ALTERED at entry 2")) << r.out;

    r = Did("db migrate");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "schema version 13")) << r.out;
}

}  // namespace
