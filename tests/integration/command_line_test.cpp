// The command line as a user meets it: every command and action has --help with its options and
// the exit statuses; --version; a mistyped command or option is named with the nearest one;
// a stray argument is refused; and every option that takes a typed value refuses a wrong one
// with exit 2 and a message naming the option and the value. The options are read from each
// command's own --help, so a new option is tested the day it is added, and an option of a
// type this test does not know fails it.

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "integration/process.hpp"

namespace {

const std::string kDid = DID_BINARY;

did::testing::ProcessResult Did(const std::string& args) {
    const std::string dir = did::testing::MakeTempDir("did_command_line");
    return did::testing::Run("cd '" + dir + "' && DID_DATA_DIR='" + dir + "/data' DID_DB='sqlite:" + dir +
                             "/did.sqlite' '" + kDid + "' " + args + " 2>&1");
}

// The subcommands a --help lists under "Subcommands:".
std::vector<std::string> Subcommands(const std::string& help) {
    std::vector<std::string> names;
    std::istringstream in(help);
    bool listing = false;
    for (std::string line; std::getline(in, line);) {
        if (line == "Subcommands:") {
            listing = true;
            continue;
        }
        if (!listing) continue;
        if (line.empty() || line[0] != ' ') break;
        std::istringstream words(line);
        std::string name;
        words >> name;
        names.push_back(name);
    }
    return names;
}

// "--name TYPE" for every option a --help lists.
std::map<std::string, std::string> TypedOptions(const std::string& help) {
    std::map<std::string, std::string> options;
    static const std::regex kOption(R"(^  (?:-\w,)?(--[a-z-]+)(?: ([^ ]+))?)");
    std::istringstream in(help);
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_search(line, m, kOption) && m[2].matched && m[2] != "REQUIRED") options[m[1]] = m[2];
    }
    return options;
}

// Every command path: "validate", "timetable rule", …
std::vector<std::string> AllCommands() {
    std::vector<std::string> paths;
    std::vector<std::string> todo = Subcommands(Did("--help").out);
    while (!todo.empty()) {
        const std::string path = todo.back();
        todo.pop_back();
        paths.push_back(path);
        for (const auto& sub : Subcommands(Did(path + " --help").out)) todo.push_back(path + " " + sub);
    }
    return paths;
}

// A wrong value for each kind of value, and what the message must then say.
struct WrongValue {
    std::string value;
    std::string said;
};
const std::map<std::string, WrongValue> kWrong = {
    {"N", {"12x", "is not a whole number"}},
    {"R", {"1.5", "is not a number from 0 to 1"}},
    {"YYYY-MM", {"2026-13", "is not a month as YYYY-MM"}},
    {"YYYY-MM-DD", {"2026-02-30", "is not a date as YYYY-MM-DD"}},
    {"CODE", {"rxx;", "is not an organisation code"}},
    {"SEQ:HASH", {"4:abc", "is not SEQ:HASH"}},
    {"YYYY-YY", {"2025-27", "is not a financial year as YYYY-YY"}},
};
// Values that are free text or a path: any value is taken (a path is checked when it is used).
// An address is checked when the server binds it.
const std::set<std::string> kFreeText = {"TEXT",    "FILE",  "DIR",   "URL",       "NAME",   "CSV",
                                         "OUT.csv", "A,B,…", "NICIP", "HOST:PORT", "ADDRESS"};

TEST(CommandLineTest, EveryCommandHasHelpWithItsOptionsAndTheExitStatuses) {
    const auto commands = AllCommands();
    EXPECT_GE(commands.size(), 30u);
    for (const auto& path : commands) {
        const auto r = Did(path + " --help");
        EXPECT_EQ(r.exit_code, 0) << path << "\n" << r.out;
        EXPECT_NE(r.out.find("Usage: did " + path), std::string::npos) << path << "\n" << r.out;
        EXPECT_NE(r.out.find("Exit status: 0"), std::string::npos) << path << "\n" << r.out;
    }
    EXPECT_NE(Did("submit --help").out.find("4 already received"), std::string::npos);
}

TEST(CommandLineTest, EveryTypedOptionRefusesAWrongValueNamingIt) {
    size_t checked = 0;
    for (const auto& path : AllCommands()) {
        for (const auto& [option, type] : TypedOptions(Did(path + " --help").out)) {
            if (kFreeText.count(type) > 0) continue;
            std::string value = "not-a-choice";
            std::string said = "is not one of " + type;
            if (const auto wrong = kWrong.find(type); wrong != kWrong.end()) {
                value = wrong->second.value;
                said = wrong->second.said;
            } else {
                ASSERT_NE(type.find('|'), std::string::npos)
                    << "did " << path << " " << option << " takes " << type << ": add a wrong value for it here";
            }
            const auto r = Did(path + " " + option + " '" + value + "'");
            EXPECT_EQ(r.exit_code, 2) << path << " " << option << "\n" << r.out;
            EXPECT_NE(r.out.find(option + ": '" + value + "' " + said), std::string::npos)
                << path << " " << option << "\n"
                << r.out;
            ++checked;
        }
    }
    EXPECT_GE(checked, 40u);
}

TEST(CommandLineTest, NumbersAreWholeAndInRange) {
    for (const char* args :
         {"generate --rows -5", "generate --rows 1e3", "generate --rows 0x10", "generate --rows 100000001",
          "validate x.csv --threads 0", "validate x.csv --threads -1", "validate x.csv --threads abc",
          "submit x.csv --provider RXX --period 2026-10 --prep-minutes -3", "timetable rule --cutoff-day 29"}) {
        const auto r = Did(args);
        EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.out;
        EXPECT_NE(r.out.find("is not a whole number from"), std::string::npos) << args << "\n" << r.out;
    }
    EXPECT_EQ(Did("generate --rows 3 --out three.csv").exit_code, 0);
}

TEST(CommandLineTest, MistakesAreNamedWithTheNearestRightName) {
    auto r = Did("valdate x.csv");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("unknown command 'valdate' (did you mean 'validate'?)"), std::string::npos) << r.out;
    r = Did("frobnicate");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("unknown command 'frobnicate'\n"), std::string::npos) << r.out;
    r = Did("validate x.csv --fidnings f.csv");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("did validate: unknown option --fidnings (did you mean --findings?)"), std::string::npos)
        << r.out;
    r = Did("timetable overide");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("did timetable: unexpected argument 'overide' (did you mean 'override'?)"), std::string::npos)
        << r.out;
    r = Did("validate x.csv y.csv");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("unexpected argument 'y.csv'"), std::string::npos) << r.out;
    r = Did("submit x.csv --period 2026-10");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("--provider is required"), std::string::npos) << r.out;
    r = Did("");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("Subcommands:"), std::string::npos) << r.out;
}

TEST(CommandLineTest, VersionAndHelp) {
    auto r = Did("--version");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(std::regex_match(r.out, std::regex("did \\d+\\.\\d+\\.\\d+\n"))) << r.out;
    r = Did("--help");
    EXPECT_EQ(r.exit_code, 0);
    for (const char* command : {"validate", "submit", "status", "timetable", "audit", "refdata"}) {
        EXPECT_NE(r.out.find(std::string("  ") + command), std::string::npos) << command << "\n" << r.out;
    }
}

}  // namespace
