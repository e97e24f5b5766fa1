// Every command prints what its documentation says it prints. docs/command-line.md (and
// docs/validation-report.md for the report) documents each command that prints data under a
// heading naming it, with a table `column | type | meaning` (a listing) or `key | type | meaning`
// (one JSON object). This test reads those tables, finds every command in `did --help`, runs each
// one on a small collection in every format it offers, and holds its JSON and CSV to its table:
// the same keys in the same order, the same types, null only where the table allows it.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "integration/collection_fixture.hpp"
#include "integration/documented_shapes.hpp"
#include "integration/process.hpp"

namespace {

using Json = did::testing::OrderedJson;
using did::testing::CollectionCliTest;
using did::testing::Docs;
using did::testing::Join;
using did::testing::ReadText;
using did::testing::Shape;
using did::testing::ShapeCheck;

using did::testing::kDid;
const std::string kSourceDir = DID_SOURCE_DIR;

// Commands without --format, and why they print no data: most change something and say so in
// a sentence. A command that gains --format must leave this list for a section in the docs.
const std::map<std::string, std::string> kPrintsNoData = {
    {"generate", "writes an extract in the submission format"},
    {"refdata import", "imports a file"},
    {"refdata import-ods", "imports a file"},
    {"refdata import-postcodes", "imports a file"},
    {"refdata import-icbs", "imports a file"},
    {"refdata import-kh12", "imports a file"},
    {"refdata samples", "writes files in the ODS and ONSPD layouts"},
    {"refdata export", "writes a reference data bundle"},
    {"timetable rule", "the rule in a sentence, or changes it"},
    {"timetable override", "an audited change"},
    {"exception grant", "an audited change"},
    {"exception revoke", "an audited change"},
    {"agreement add", "an audited change"},
    {"agreement remove", "an audited change"},
    {"expect add", "an audited change"},
    {"expect remove", "an audited change"},
    {"local-codes notify", "an audited change"},
    {"local-codes approve", "an audited change"},
    {"local-codes refuse", "an audited change"},
    {"local-codes withdraw", "an audited change"},
    {"exclusions add", "an audited change"},
    {"exclusions remove", "an audited change"},
    {"data-issues add", "an audited change"},
    {"data-issues remove", "an audited change"},
    {"submission restore", "an audited change"},
    {"db migrate", "brings the schema up to date"},
    {"audit verify", "the verdict is the exit status; the text says where the chain broke"},
    {"serve", "runs the web portal; its request log goes to standard error"},
    {"user add", "an audited change (prints the generated password once)"},
    {"user disable", "an audited change"},
    {"user enable", "an audited change"},
    {"user reset", "an audited change (prints a generated password once)"},
};

// Commands in kPrintsNoData whose --format chooses the format of the file they write (CSV or
// XML), not how they print data.
const std::set<std::string> kFileFormatOption = {"generate"};

// A listing that does not speak text. The findings of one submission can be millions of rows,
// streamed as they are read: aligned columns would need them all in memory first.
const std::set<std::string> kListingsWithoutText = {"findings"};

// Commands whose CSV is a published table's own layout (its columns depend on the months asked
// for), not the documented JSON keys.
const std::set<std::string> kPublishedLayouts = {"report"};

// Fields the collection below cannot give a value (they are checked as null, when null).
const std::set<std::pair<std::string, std::string>> kNeverFilled = {
    {"rules", "announced_change"},  // no rule of the shipped catalogue has a change announced
};

// ---- The commands, from their help ----

struct Command {
    bool runs_alone = true;  // false: a group that needs an action (`did db`)
    std::vector<std::string> formats;
    std::vector<std::string> actions;
};

Command ParseHelp(const std::string& help) {
    Command c;
    std::istringstream in(help);
    bool actions = false;
    const std::regex format(R"(^\s+--format\s+(\S+).*)");
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (line.starts_with("Usage:")) c.runs_alone = !line.ends_with(" SUBCOMMAND");
        if (std::regex_match(line, m, format)) {
            std::istringstream names(m[1].str());
            for (std::string name; std::getline(names, name, '|');) c.formats.push_back(name);
        }
        if (line == "Subcommands:") {
            actions = true;
        } else if (line.empty()) {
            actions = false;
        } else if (actions && line.starts_with("  ") && line[2] != ' ') {
            c.actions.push_back(line.substr(2, line.find(' ', 2) - 2));
        }
    }
    return c;
}

// Every command and action `did --help` leads to, by path ("local-codes usage").
std::map<std::string, Command> Commands() {
    std::map<std::string, Command> out;
    std::vector<std::string> todo{""};
    while (!todo.empty()) {
        const std::string path = todo.back();
        todo.pop_back();
        const auto help = did::testing::Run("'" + kDid + "' " + path + " --help 2>&1");
        EXPECT_EQ(help.exit_code, 0) << path << "\n" << help.out;
        const Command c = ParseHelp(help.out);
        for (const auto& action : c.actions) todo.push_back(path.empty() ? action : path + " " + action);
        if (!path.empty()) out[path] = c;
    }
    return out;
}

bool Offers(const Command& c, const std::string& format) {
    return std::find(c.formats.begin(), c.formats.end(), format) != c.formats.end();
}

// The documented shape of `path`: its own, or, for a command that lists when given no action
// (`did timetable`), its `list` action's.
const Shape* ShapeOf(const Docs& docs, const std::string& path) {
    for (const std::string& name : {path, path + " list"}) {
        if (auto it = docs.shapes.find(name); it != docs.shapes.end()) return &it->second;
    }
    return nullptr;
}

TEST(JsonShapeDocsTest, EveryShapeIsWellFormedAndNamesACommandThatPrintsIt) {
    const Docs docs = did::testing::ReadDocs(kSourceDir);
    EXPECT_TRUE(docs.problems.empty()) << Join(docs.problems);
    EXPECT_GE(docs.shapes.size(), 17u);  // the parser found the sections
    const auto commands = Commands();
    for (const auto& [name, shape] : docs.shapes) {
        const auto it = commands.find(name);
        if (it == commands.end()) {
            ADD_FAILURE() << shape.where << ": no command did " << name;
            continue;
        }
        EXPECT_TRUE(Offers(it->second, "json")) << "did " << name << " has no --format json";
        if (shape.listing) {
            EXPECT_TRUE(Offers(it->second, "csv")) << "did " << name << " is a listing without --format csv";
            if (kListingsWithoutText.count(name) == 0) {
                EXPECT_TRUE(Offers(it->second, "text")) << "did " << name << " is a listing without --format text";
            }
        }
    }
}

TEST(JsonShapeDocsTest, EveryCommandThatPrintsDataIsDocumented) {
    const Docs docs = did::testing::ReadDocs(kSourceDir);
    const auto commands = Commands();
    EXPECT_GE(commands.size(), 40u);  // the help was read
    for (const auto& [path, command] : commands) {
        if (!command.runs_alone) continue;
        if (command.formats.empty() || kFileFormatOption.count(path) == 1) {
            EXPECT_EQ(kPrintsNoData.count(path), 1u)
                << "did " << path << " has no --format: give it one, or add it to kPrintsNoData with why";
        } else {
            EXPECT_EQ(kPrintsNoData.count(path), 0u)
                << "did " << path << " has --format now: take it off kPrintsNoData and document what it prints";
            EXPECT_NE(ShapeOf(docs, path), nullptr)
                << "did " << path << " prints data that docs/command-line.md does not describe: add a section";
        }
    }
    for (const auto& [path, why] : kPrintsNoData) EXPECT_EQ(commands.count(path), 1u) << "no command did " << path;
}

// How to run each command on the month JsonShapeTest sets up; any other runs once, without
// arguments. `submit` runs JSON first: stored (a receipt), then the same file again, already
// received; a dry run (a diff); a file after the window closed (refused, no report).
const std::map<std::string, std::vector<std::string>> kRuns = {
    {"status", {"--period 2026-10"}},
    {"submissions", {"--period 2026-10"}},
    {"feedback", {"--period 2026-10"}},
    {"duplicates", {"--period 2026-10"}},
    {"local-codes usage", {"--period 2026-10"}},
    {"submission show", {"1", "3"}},
    {"findings", {"1"}},
    {"report",
     {"table1 --period 2026-10", "table2 --year 2026-27", "table11 --period 2026-10", "table12 --period 2026-10"}},
    {"validate",
     {"october.csv", "october.csv --provider RXX --period 2026-10 --submitted 2026-11-05",
      "november.csv --period 2026-10 --submitted 2026-12-01", "wrong.csv",
      "october.csv --provider RXX --period 2026-10 --submitted 2026-11-05 --refdata bundle.sqlite"}},
    {"submit",
     {"--provider RXX --period 2026-10 head.csv --submitted 2026-11-09",
      "--provider RXX --period 2026-10 fresh.csv --submitted 2026-11-10 --dry-run",
      "--provider RXX --period 2026-10 head.csv --submitted 2027-06-01"}},
};

class JsonShapeTest : public CollectionCliTest {
  protected:
    // A month with something in every listing: three submissions (the third warned as sent by
    // two providers, and superseding the first), feedback, local codes decided and not, an
    // agreement, an exception, an exclusion, a provider expected that sent nothing.
    void SetUp() override {
        CollectionCliTest::SetUp();
        for (const std::string& args : std::vector<std::string>{
                 "expect add --provider RYY --from 2026-01 --until 2027-12",
                 "agreement add --provider RXX --for RYJ --from 2026-01 --until 2027-12",
                 "exception grant --provider RYJ --period 2026-10 --until 2027-05-31 --reason flood",
                 "exclusions add --site RXX09 --reason 'breast screening'",
                 "data-issues add --provider RXX --from 2026-10 --note 'ultrasound sent late: a RIS migration'",
                 "local-codes notify --provider RXX --code LX001 --nicip XCHES",
                 "local-codes refuse --provider RXX --code LX001 --reason 'not local'",
                 "local-codes notify --provider RXX --code LX002 --nicip XCHES",
                 "generate --rows 50 --seed 5 --period 2026-10 --submitted 2026-11-05 --provider RYJ --out ryj.csv",
                 "generate --rows 1500 --seed 9 --period 2026-10 --submitted 2026-11-05 --out fresh.csv",
                 "generate --rows 100 --seed 4 --period 2026-11 --submitted 2026-12-01 --out november.csv",
                 "submit --provider RXX --period 2026-10 october.csv --submitted 2026-11-05 --prep-minutes 45 "
                 "--comment 'slow RIS'",
                 "submit --provider RYJ --period 2026-10 ryj.csv --submitted 2026-11-06",
                 "submit --provider RXX --period 2026-10 ryj.csv --submitted 2026-11-07 --confirm-drop",
                 // A catalogue imported and a bundle exported: the report's reference data filled.
                 "refdata import '" + std::string(kSourceDir) + "/data/nicip_catalogue.csv'",
                 "refdata export bundle.sqlite",
                 // A user of the portal, for `did user list`.
                 "user add sam.jones --display-name 'Sam Jones' --organisation RXX --role provider_submitter"}) {
            const auto r = Did(args);
            ASSERT_EQ(r.exit_code, 0) << args << "\n" << r.out;
        }
        Head("head.csv", 1501);
        did::testing::WriteText(dir_ + "/wrong.csv", "not,a,did,file\n");
    }

    // stdout alone (the progress bar and messages go to stderr).
    did::testing::ProcessResult Printed(const std::string& args) const {
        return did::testing::Run(Command(args) + " 2>'" + dir_ + "/stderr.txt'");
    }
    std::string Stderr() const { return ReadText(dir_ + "/stderr.txt"); }
};

TEST_F(JsonShapeTest, EveryCommandPrintsWhatItsDocsSay) {
    const Docs docs = did::testing::ReadDocs(kSourceDir);
    ASSERT_TRUE(docs.problems.empty()) << Join(docs.problems);
    ShapeCheck check(docs);
    for (const auto& [path, command] : Commands()) {
        const Shape* shape = ShapeOf(docs, path);
        if (!command.runs_alone || command.formats.empty() || shape == nullptr) continue;  // see the tests above
        auto runs = kRuns.find(path);
        if (runs == kRuns.end()) runs = kRuns.find(path + " list");
        for (const std::string& args : runs == kRuns.end() ? std::vector<std::string>{""} : runs->second) {
            // JSON first: a run that stores something stores it then.
            std::vector<std::string> formats{"json"};
            for (const auto& f : command.formats)
                if (f != "json") formats.push_back(f);
            for (const std::string& format : formats) {
                if (format == "xlsx") continue;  // a workbook written to --out (report_command_test)
                const std::string line = path + (args.empty() ? "" : " " + args) + " --format " + format;
                const auto r = Printed(line);
                // A listing succeeds; a report may reject the file (1) or refuse it (3 to 5).
                EXPECT_TRUE(r.exit_code == 0 || (!shape->listing && r.exit_code != 2))
                    << "did " << line << ": exit " << r.exit_code << "\n"
                    << Stderr();
                EXPECT_FALSE(r.out.empty()) << "did " << line;
                if (format == "json") {
                    const Json json = Json::parse(r.out, nullptr, false);
                    if (json.is_discarded()) {
                        ADD_FAILURE() << "did " << line << ": not JSON\n" << r.out;
                    } else if (shape->listing) {
                        check.Listing(json, *shape, path);
                    } else {
                        check.Object(json, *shape, "", path);
                    }
                } else if (format == "csv" && kPublishedLayouts.count(path) == 0) {
                    EXPECT_EQ(r.out.substr(0, r.out.find('\n')), Join(ShapeCheck::Columns(*shape), ","))
                        << "did " << line << ": the CSV header is not the documented columns (" << shape->where << ")";
                }
            }
        }
    }
    EXPECT_TRUE(check.problems().empty()) << Join(check.problems());
    EXPECT_TRUE(check.NeverFilled(kNeverFilled).empty())
        << "documented fields no run gave a value, so their type was never checked: give the collection in "
           "JsonShapeTest::SetUp something that fills them (or, when nothing can, add them to kNeverFilled):\n"
        << Join(check.NeverFilled(kNeverFilled));
}

}  // namespace
