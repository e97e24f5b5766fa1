// The command line keeps what it is given: an output never replaces the input or the database,
// a write that fails is an error, a submission whose findings file cannot be written is not
// stored, and every stored submission ends with a receipt.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "integration/collection_fixture.hpp"
#include "integration/process.hpp"

namespace {

using did::testing::CollectionCliTest;
using did::testing::ReadText;

class FrontDoorTest : public CollectionCliTest {
  protected:
    std::string Path(const std::string& name) const { return dir_ + "/" + name; }
    bool NothingSubmitted() const {
        const auto r = Did("submissions --period 2026-10 --format csv");
        return r.exit_code == 0 && r.out.find("\n") == r.out.size() - 1;  // the header alone
    }
};

TEST_F(FrontDoorTest, AnOutputThatIsTheInputIsRefusedByAnyName) {
    const std::string before = ReadText(Path("october.csv"));
    std::filesystem::create_symlink(Path("october.csv"), Path("link.csv"));
    std::filesystem::create_hard_link(Path("october.csv"), Path("hard.csv"));
    for (const std::string& args : std::vector<std::string>{
             "validate october.csv --findings october.csv", "validate october.csv --accepted ./october.csv",
             "validate october.csv --findings link.csv", "validate link.csv --accepted hard.csv",
             "validate october.csv --findings ../" + std::filesystem::path(dir_).filename().string() + "/october.csv",
             "submit --provider RXX --period 2026-10 october.csv --findings hard.csv"}) {
        const auto r = Did(args);
        EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.out;
        EXPECT_NE(r.out.find("writing there would destroy it"), std::string::npos) << args << "\n" << r.out;
    }
    EXPECT_EQ(ReadText(Path("october.csv")), before);
    // Standard input is the input too.
    const auto piped = did::testing::Run(Command("validate - --findings october.csv") + " < october.csv 2>&1");
    EXPECT_EQ(piped.exit_code, 2) << piped.out;
    EXPECT_EQ(ReadText(Path("october.csv")), before);
    EXPECT_TRUE(NothingSubmitted());
}

TEST_F(FrontDoorTest, AnOutputThatIsTheDatabaseOrItsLogIsRefused) {
    ASSERT_EQ(Submit("october.csv").exit_code, 0);
    const auto db_before = std::filesystem::file_size(Path("did.sqlite"));
    for (const char* file : {"did.sqlite", "did.sqlite-wal", "did.sqlite-journal"}) {
        auto r = Did(std::string("validate october.csv --findings ") + file);
        EXPECT_EQ(r.exit_code, 2) << r.out;
        EXPECT_NE(r.out.find("is the database"), std::string::npos) << r.out;
        r = Did(std::string("submit --provider RXX --period 2026-10 october.csv --dry-run --findings ") + file);
        EXPECT_EQ(r.exit_code, 2) << r.out;
    }
    EXPECT_EQ(std::filesystem::file_size(Path("did.sqlite")), db_before);
    const auto r = Did("audit verify");
    EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST_F(FrontDoorTest, TwoOutputsThatAreOneFileAreRefused) {
    const auto r = Did("validate october.csv --findings out.csv --accepted ./out.csv");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.out.find("--accepted and --findings name the same file"), std::string::npos) << r.out;
}

TEST_F(FrontDoorTest, AnOutputThatCannotBeWrittenIsAnError) {
    for (const char* args : {"validate october.csv", "validate october.csv --format json", "rules",
                             "status --period 2026-10", "timetable"}) {
        const auto r = did::testing::Run(Command(args) + " 2>&1 >/dev/full");  // stderr to the pipe, stdout full
        EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.out;
        EXPECT_NE(r.out.find("cannot write"), std::string::npos) << args << "\n" << r.out;
    }
}

TEST_F(FrontDoorTest, ASubmissionWhoseFindingsCannotBeWrittenIsNotStored) {
    // A path that can be created but not put in place: a directory with something in it.
    std::filesystem::create_directories(Path("findings/inside"));
    auto r = Submit("october.csv", "--findings findings");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.out.find("cannot write findings"), std::string::npos) << r.out;
    EXPECT_TRUE(NothingSubmitted());
    EXPECT_FALSE(std::filesystem::exists(Path("findings.partial")));
    // A path that cannot even be created fails before anything is read.
    r = Submit("october.csv", "--findings no-such-dir/findings.csv");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_TRUE(NothingSubmitted());
    // Once the path is good, the same file is stored: nothing of the failed attempts stood in its way.
    r = Submit("october.csv", "--findings findings.csv");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_GT(ReadText(Path("findings.csv")).size(), 100u);
}

TEST_F(FrontDoorTest, AStoredSubmissionEndsWithAReceipt) {
    auto r = Submit("october.csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const std::string sha = did::testing::Run("sha256sum '" + Path("october.csv") + "' | cut -c1-64").out.substr(0, 64);
    EXPECT_NE(r.out.find("Receipt\n  Reference   DID-RXX-2026-10-1\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  SHA-256     " + sha + "\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  Received    2026-11-05 (back-dated; the server received it at "), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("  Cut-off     2026-11-26: on time\n"), std::string::npos) << r.out;

    Head("smaller.csv", 1800);
    r =
        Did("submit --provider RXX --period 2026-10 smaller.csv --submitted 2026-11-27 --reason 'sent by post' "
            "--format json");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const auto json = nlohmann::json::parse(r.out);
    const auto& receipt = json.at("receipt");
    EXPECT_EQ(receipt.at("reference"), "DID-RXX-2026-10-2");
    EXPECT_EQ(receipt.at("received_on"), "2026-11-27");
    EXPECT_EQ(receipt.at("cutoff"), "2026-11-26");
    EXPECT_EQ(receipt.at("on_time"), false);
    EXPECT_EQ(receipt.at("backdated"), true);
    EXPECT_EQ(receipt.at("records"), 1799);
    EXPECT_EQ(receipt.at("accepted").get<int>() + receipt.at("rejected").get<int>(), 1799);

    // Back-dated in the listings, and in the audit log with the reason beside the real time.
    EXPECT_EQ(nlohmann::json::parse(Did("status --period 2026-10 --provider RXX --format json").out)[0]["back_dated"],
              "yes");
    EXPECT_EQ(nlohmann::json::parse(Did("submissions --period 2026-10 --format json").out)[1]["back_dated"], "yes");
    r = Did("audit list --format csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("\"\"backdated\"\":\"\"yes\"\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("sent by post"), std::string::npos) << r.out;

    // Nothing stored, no receipt.
    r = Submit("october.csv");
    EXPECT_EQ(r.exit_code, 4) << r.out;
    EXPECT_EQ(r.out.find("Receipt"), std::string::npos) << r.out;
}

TEST_F(FrontDoorTest, TheReportLeadsWithTheLikelyCause) {
    // A file for November sent as October.
    ASSERT_EQ(Did("generate --rows 500 --seed 4 --period 2026-11 --submitted 2026-12-01 --out november.csv").exit_code,
              0);
    auto r = Did("validate november.csv --period 2026-10 --submitted 2026-12-01");
    EXPECT_NE(r.out.find("Likely cause: 500 of 500 test dates are outside 2026-10: all are in 2026-11. Is this the "
                         "right period?"),
              std::string::npos)
        << r.out;
    // The command it suggests for every finding repeats every option that changes them.
    EXPECT_NE(r.out.find("  did validate november.csv --period 2026-10 --submitted 2026-12-01 --findings findings.csv"),
              std::string::npos)
        << r.out;
    std::filesystem::copy_file(Path("november.csv"), Path("nov ember's.csv"));
    r = Did("validate \"nov ember's.csv\" --provider RXX --period 2026-10");
    EXPECT_NE(
        r.out.find("  did validate 'nov ember'\\''s.csv' --provider RXX --period 2026-10 --findings findings.csv"),
        std::string::npos)
        << r.out;
    // RXX's file sent as RYJ's.
    r = Did("submit --provider RYJ --period 2026-10 october.csv --dry-run");
    EXPECT_NE(r.out.find("records are at sites that RYJ does not submit for; "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(" are at sites of RXX. Is RYJ the right provider code, or is an agreement to submit for RXX "
                         "missing?"),
              std::string::npos)
        << r.out;
    // A good file has no likely cause.
    r = Did("validate october.csv --period 2026-10 --submitted 2026-11-05");
    EXPECT_EQ(r.out.find("Likely cause"), std::string::npos) << r.out;
}

TEST_F(FrontDoorTest, AHeldBackSubmissionNeverSaysFileAccepted) {
    ASSERT_EQ(Submit("october.csv").exit_code, 0);
    Head("part.csv", 200);
    const auto r = Submit("part.csv");
    EXPECT_EQ(r.exit_code, 3) << r.out;
    EXPECT_EQ(r.out.find("FILE ACCEPTED"), std::string::npos) << r.out;
    EXPECT_TRUE(r.out.starts_with("DID validation of part.csv")) << r.out;
    EXPECT_NE(r.out.find("HELD BACK: nothing was stored."), std::string::npos) << r.out;
}

TEST_F(FrontDoorTest, OrganisationCodesAreCheckedTheSameWayEverywhere) {
    const std::vector<std::pair<std::string, std::string>> refused{
        {"expect add --provider RXY --from 2026-01", "RXY is not a known ODS provider code (did you mean RXX?)"},
        {"expect add --provider RXX01 --from 2026-01", "RXX01 is a site of RXX: give the provider, RXX"},
        {"agreement add --provider RXX --for RYJ01 --from 2026-10", "RYJ01 is a site of RYJ: give the provider, RYJ"},
        {"exception grant --provider B81001 --period 2026-10 --until 2027-05-31 --reason x",
         "B81001 is a GP practice, not a provider of imaging"},
        {"exclusions add --site RXX --reason screening",
         "RXX is an NHS trust, not a site; its sites are RXX01, RXX02, RXX03, RXX09"},
        {"local-codes notify --provider RYK --code XR1 --nicip XCHES", "RYK is not a known ODS provider code"},
    };
    for (const auto& [args, said] : refused) {
        const auto r = Did(args);
        EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.out;
        EXPECT_NE(r.out.find(said), std::string::npos) << args << "\n" << r.out;
    }
    const auto r = Did("submit --provider RXY --period 2026-10 october.csv --submitted 2026-11-05");
    EXPECT_EQ(r.exit_code, 5) << r.out;
    EXPECT_NE(r.out.find("Refused: RXY is not a known ODS provider code (did you mean RXX?)"), std::string::npos)
        << r.out;
    EXPECT_TRUE(NothingSubmitted());
}

TEST_F(FrontDoorTest, EveryAddHasItsRemoveAndAReplacementSaysWhatItReplaced) {
    auto r = Did("expect add --provider RXX --from 2026-04");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("It replaces the entry from 2026-01."), std::string::npos) << r.out;
    const std::vector<std::pair<std::string, std::string>> pairs{
        {"expect add --provider RYY --from 2026-01", "expect remove --provider RYY"},
        {"agreement add --provider RXX --for RYJ --from 2026-10", "agreement remove --provider RXX --for RYJ"},
        {"exception grant --provider RXX --period 2026-10 --until 2027-05-31 --reason flood",
         "exception revoke --provider RXX --period 2026-10"},
        {"exclusions add --site RXX02 --reason screening", "exclusions remove --site RXX02"},
        {"local-codes notify --provider RXX --code XR1 --nicip XCHES",
         "local-codes withdraw --provider RXX --code XR1"},
    };
    for (const auto& [add, remove] : pairs) {
        r = Did(add);
        EXPECT_EQ(r.exit_code, 0) << add << "\n" << r.out;
        EXPECT_EQ(r.out.find("It replaces"), std::string::npos) << add << "\n" << r.out;
        r = Did(remove);
        EXPECT_EQ(r.exit_code, 0) << remove << "\n" << r.out;
        r = Did(remove);  // nothing left to remove
        EXPECT_EQ(r.exit_code, 2) << remove << "\n" << r.out;
        EXPECT_NE(r.out.find("nothing to"), std::string::npos) << remove << "\n" << r.out;
    }
    r = Did("exception grant --provider RXX --period 2026-10 --until 2027-05-31 --reason flood");
    r = Did("exception grant --provider RXX --period 2026-10 --until 2027-06-15 --reason 'flood, then fire'");
    EXPECT_NE(r.out.find("It replaces the entry until 2027-05-31 (flood)."), std::string::npos) << r.out;
    // Every change is in the audit log, and the chain holds.
    r = Did("audit list --format csv");
    for (const char* action : {"provider.no_longer_expected", "agreement.removed", "exception.revoked",
                               "exclusion.removed", "local_code.withdrawn"}) {
        EXPECT_NE(r.out.find(action), std::string::npos) << action;
    }
    EXPECT_EQ(Did("audit verify").exit_code, 0);
}

// Lines of a text, sorted: the same rows in any order compare equal.
std::vector<std::string> SortedLines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    return lines;
}

TEST_F(FrontDoorTest, AnEarlierFileIsMadeCurrentAgainAndItsFindingsReadBack) {
    ASSERT_EQ(Submit("october.csv", "--findings first.csv").exit_code, 0);
    Head("smaller.csv", 1800);
    ASSERT_EQ(Submit("smaller.csv").exit_code, 0);
    // Sending the first file again says how to make it current.
    auto r = Submit("october.csv");
    EXPECT_EQ(r.exit_code, 4) << r.out;
    EXPECT_NE(r.out.find("To make it the current file again: did submission restore 1"), std::string::npos) << r.out;
    r = Did("submission restore 1");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("Submission 1 is again the current file of RXX for 2026-10, replacing submission 2."),
              std::string::npos)
        << r.out;
    r = Did("status --period 2026-10 --provider RXX --format json");
    EXPECT_EQ(nlohmann::json::parse(r.out)[0]["current_file"], 1) << r.out;
    r = Did("submission show 2 --format json");
    EXPECT_EQ(nlohmann::json::parse(r.out)[0]["status"], "superseded") << r.out;
    EXPECT_EQ(nlohmann::json::parse(r.out)[0]["superseded_by"], 1) << r.out;
    r = Did("submission restore 1");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.out.find("already the current file"), std::string::npos) << r.out;
    r = Did("submission restore 99");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.out.find("there is no submission 99"), std::string::npos) << r.out;

    // The stored findings are those the submitter was given, and reading them is audited.
    r = did::testing::Run(Command("findings 1") + " > again.csv 2>&1");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(SortedLines(ReadText(Path("again.csv"))), SortedLines(ReadText(Path("first.csv"))));
    r = Did("findings 1 --format json");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const auto findings = nlohmann::json::parse(r.out);
    EXPECT_EQ(findings.size() + 1, SortedLines(ReadText(Path("first.csv"))).size());
    EXPECT_TRUE(findings[0]["line"].is_number());
    r = Did("audit list --format csv");
    EXPECT_NE(r.out.find("current_file.restored"), std::string::npos);
    EXPECT_NE(r.out.find("findings.read"), std::string::npos);
}

// Every command that lists data speaks text, CSV and JSON; the CSV header and the JSON keys are
// the same snake_case names, counts and ids are JSON numbers, and text groups digits.
TEST_F(FrontDoorTest, EveryListingSpeaksCsvAndJsonWithTheSameNames) {
    ASSERT_EQ(Submit("october.csv", "--prep-minutes 45").exit_code, 0);
    ASSERT_EQ(Did("agreement add --provider RXX --for RYJ --from 2026-10").exit_code, 0);
    ASSERT_EQ(Did("exception grant --provider RYJ --period 2026-10 --until 2027-05-31 --reason flood").exit_code, 0);
    ASSERT_EQ(Did("exclusions add --site RXX02 --reason screening").exit_code, 0);
    for (const std::string& listing : std::vector<std::string>{
             "status --period 2026-10", "submissions --period 2026-10", "feedback --period 2026-10",
             "duplicates --period 2026-10", "timetable", "timetable list --from 2026-09", "exception", "agreement list",
             "expect", "local-codes", "local-codes usage --period 2026-10", "exclusions", "audit list"}) {
        const auto csv = Did(listing + " --format csv");
        const auto json = Did(listing + " --format json");
        ASSERT_EQ(csv.exit_code, 0) << listing << "\n" << csv.out;
        ASSERT_EQ(json.exit_code, 0) << listing << "\n" << json.out;
        const auto rows = nlohmann::json::parse(json.out);
        ASSERT_TRUE(rows.is_array()) << listing;
        const std::string header = csv.out.substr(0, csv.out.find('\n'));
        EXPECT_EQ(header.find(' '), std::string::npos) << listing << ": " << header;
        for (const auto& row : rows) {
            // nlohmann orders keys alphabetically: compare as sets of names.
            std::vector<std::string> from_json, from_csv;
            for (const auto& [key, value] : row.items()) from_json.push_back(key);
            std::istringstream names(header);
            for (std::string name; std::getline(names, name, ',');) from_csv.push_back(name);
            std::sort(from_csv.begin(), from_csv.end());
            EXPECT_EQ(from_json, from_csv) << listing;
        }
    }
    const auto submissions = nlohmann::json::parse(Did("submissions --period 2026-10 --format json").out);
    ASSERT_EQ(submissions.size(), 1u);
    EXPECT_TRUE(submissions[0]["id"].is_number());
    EXPECT_TRUE(submissions[0]["accepted"].is_number());
    EXPECT_TRUE(submissions[0]["superseded_by"].is_null());
    EXPECT_EQ(submissions[0]["provider"], "RXX");
    const auto text = Did("submissions --period 2026-10");
    EXPECT_NE(text.out.find("2,000"), std::string::npos) << text.out;  // records, grouped
}

}  // namespace
