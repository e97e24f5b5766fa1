// `did`: the DID Collect command line. One binary; each subcommand lives in its own file and
// adds itself to the parser (command.hpp); this file parses, explains what was wrong with a
// command line, and makes sure no output was lost.

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "core/suggest.hpp"
#include "core/terminal_text.hpp"

namespace did::cli {

// Messages repeat what the user typed and names from files: shown with control characters
// visible, so that an argument cannot colour or clear the terminal or write its clipboard.
int UsageError(const std::string& command, const std::string& message) {
    std::fprintf(stderr, "did %s: %s\n", command.c_str(), core::ForTerminal(message).c_str());
    return kExitUsage;
}

namespace {

// The subcommand the parser reached last ("timetable rule"), or the top.
const CLI::App* Deepest(const CLI::App& app) {
    const CLI::App* at = &app;
    while (true) {
        const auto chosen = at->get_subcommands();
        if (chosen.empty()) return at;
        at = chosen.front();
    }
}

std::string PathOf(const CLI::App* app) {
    std::string path;
    for (; app != nullptr && app->get_parent() != nullptr; app = app->get_parent()) {
        path = path.empty() ? app->get_name() : app->get_name() + " " + path;
    }
    return path;
}

std::vector<std::string> OptionNames(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* option : app.get_options()) {
        for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    }
    return names;
}

std::vector<std::string> SubcommandNames(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    return names;
}

// An argument the parser did not expect: an option or an action it does not know, named with
// the nearest one it does.
std::string ExplainExtra(const CLI::App& at, const std::string& extra) {
    const std::string bare = extra.substr(0, extra.find('='));
    if (bare.starts_with("-")) {
        const auto near = core::Nearest(bare, OptionNames(at));
        return "unknown option " + bare + (near ? " (did you mean " + *near + "?)" : "");
    }
    const auto near = core::Nearest(extra, SubcommandNames(at));
    return "unexpected argument '" + extra + "'" + (near ? " (did you mean '" + *near + "'?)" : "");
}

int ExplainParseError(const CLI::App& did, const CLI::ParseError& error) {
    const CLI::App* at = Deepest(did);
    const std::string path = PathOf(at);
    std::string message = error.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
        const auto extras = at->remaining();
        message = extras.empty() ? message : ExplainExtra(*at, extras.front());
    }
    std::fprintf(stderr, "did%s%s: %s\nSee 'did%s%s --help'.\n", path.empty() ? "" : " ", path.c_str(),
                 core::ForTerminal(message).c_str(), path.empty() ? "" : " ", path.c_str());
    return kExitUsage;
}

// Every command's --help ends with the exit statuses, unless it says its own.
void AddExitStatusHelp(CLI::App& app) {
    if (app.get_footer().empty()) app.footer(kExitStatusHelp);
    for (CLI::App* sub : app.get_subcommands({})) AddExitStatusHelp(*sub);
}

int Run(int argc, char** argv) {
    CLI::App did{"did - DID Collect, the national collection of the Diagnostic Imaging Dataset", "did"};
    did.set_version_flag("--version", std::string("did ") + DID_VERSION);
    did.require_subcommand(1);
    did.get_formatter()->column_width(32);
    int exit_status = kExitOk;
    AddValidateCommand(did, exit_status);
    AddGenerateCommand(did, exit_status);
    AddRulesCommand(did, exit_status);
    AddRefdataCommand(did, exit_status);
    AddSubmitCommand(did, exit_status);
    AddMonitoringCommands(did, exit_status);
    AddAdminCommands(did, exit_status);
    AddAuditCommands(did, exit_status);
    AddSubmissionCommands(did, exit_status);
    AddServeCommand(did, exit_status);
    AddUserCommands(did, exit_status);
    AddReportCommand(did, exit_status);
    AddExitStatusHelp(did);

    if (argc < 2) {
        std::fputs(did.help().c_str(), stderr);
        return kExitUsage;
    }
    // A mistyped command is told as such, with the nearest one, before the parser calls it
    // a missing subcommand.
    const std::vector<std::string> commands = SubcommandNames(did);
    if (const std::string first = argv[1];
        !first.starts_with("-") && std::find(commands.begin(), commands.end(), first) == commands.end()) {
        const auto near = core::Nearest(first, commands);
        std::fprintf(stderr, "did: unknown command '%s'%s\nSee 'did --help'.\n", core::ForTerminal(first).c_str(),
                     near ? (" (did you mean '" + *near + "'?)").c_str() : "");
        return kExitUsage;
    }
    try {
        did.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::fputs(did.help().c_str(), stdout);
        return kExitOk;
    } catch (const CLI::CallForAllHelp&) {
        std::fputs(did.help("", CLI::AppFormatMode::All).c_str(), stdout);
        return kExitOk;
    } catch (const CLI::CallForVersion&) {
        std::printf("did %s\n", DID_VERSION);
        return kExitOk;
    } catch (const CLI::ParseError& error) {
        return ExplainParseError(did, error);
    }
    return exit_status;
}

}  // namespace
}  // namespace did::cli

// Every command prints through standard output; a write it could not make (a full disk, a
// closed pipe) is caught here, once for all of them, so no command exits 0 having lost output.
// An exception no command expected (memory exhausted, say) ends the command with a message
// instead of an abort (every change to the database is one transaction: none is half made).
int main(int argc, char** argv) {
    const std::string command = argc > 1 ? did::core::ForTerminal(argv[1]) : std::string();
    int status = did::cli::kExitUsage;
    try {
        status = did::cli::Run(argc, argv);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "did %s: stopped by an unexpected error: %s\n", command.c_str(),
                     did::core::ForTerminal(error.what()).c_str());
        return did::cli::kExitUsage;
    }
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
        std::fprintf(stderr, "did %s: cannot write to standard output (disk full or pipe closed?)\n", command.c_str());
        return did::cli::kExitUsage;
    }
    return status;
}
