// `did`: the DID Collect command line. One binary; each subcommand lives in its own file.

#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.hpp"

namespace {

constexpr const char* kHelp =
    "did - DID Collect, the national collection of the Diagnostic Imaging Dataset\n\n"
    "  did validate FILE      check a submission file against every rule (did validate --help)\n"
    "  did generate           write a synthetic RIS extract\n"
    "  did rules              list the validation rules\n"
    "  did refdata import F   replace the NICIP catalogue with a newer release\n"
    "  did refdata show       which NICIP catalogue is in use\n"
    "  did refdata import-ods FILE / import-postcodes FILE / samples DIR\n"
    "\n"
    "Submissions (a database: --db sqlite:PATH or postgresql://…, default in the data directory)\n"
    "  did submit --provider RXX --period 2026-10 FILE   store a month's file (--dry-run: what would change)\n"
    "  did status --period 2026-10     who has and has not submitted\n"
    "  did submissions --period P      every submission of a month\n"
    "  did feedback --period P         the burden of the collection, as submitters report it\n"
    "  did duplicates --period P       examinations possibly counted twice\n"
    "  did timetable                   windows and deadlines (rule, override)\n"
    "  did exception grant|list        late submissions allowed for a provider and month\n"
    "  did agreement add|list          who submits for whom\n"
    "  did expect add|list             which providers must submit\n"
    "  did local-codes notify|approve|refuse|list|usage\n"
    "  did exclusions add|remove|list  excluded activity (breast screening sites, codes)\n"
    "  did audit list|verify           the audit log and its hash chain\n"
    "  did db migrate                  bring the database schema up to date\n";

}  // namespace

namespace did::cli {

int UsageError(const std::string& command, const std::string& message) {
    std::fprintf(stderr, "did %s: %s\n", command.c_str(), message.c_str());
    return kExitUsage;
}

}  // namespace did::cli

namespace {

int Dispatch(int argc, char** argv);

}  // namespace

// Every command prints through standard output; a write it could not make (a full disk, a
// closed pipe) is caught here, once for all of them, so no command exits 0 having lost output.
int main(int argc, char** argv) {
    const int status = Dispatch(argc, argv);
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
        std::fprintf(stderr, "did %s: cannot write to standard output (disk full or pipe closed?)\n",
                     argc > 1 ? argv[1] : "");
        return did::cli::kExitUsage;
    }
    return status;
}

namespace {

int Dispatch(int argc, char** argv) {
    if (argc < 2) {
        std::fputs(kHelp, stderr);
        return did::cli::kExitUsage;
    }
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "validate") return did::cli::RunValidate(args);
    if (command == "generate") return did::cli::RunGenerate(args);
    if (command == "rules") return did::cli::RunRules(args);
    if (command == "refdata") return did::cli::RunRefdata(args);
    if (command == "submit") return did::cli::RunSubmit(args);
    if (command == "status") return did::cli::RunStatus(args);
    if (command == "submissions") return did::cli::RunSubmissions(args);
    if (command == "feedback") return did::cli::RunFeedback(args);
    if (command == "duplicates") return did::cli::RunDuplicates(args);
    if (command == "timetable") return did::cli::RunTimetable(args);
    if (command == "exception") return did::cli::RunException(args);
    if (command == "agreement") return did::cli::RunAgreement(args);
    if (command == "expect") return did::cli::RunExpect(args);
    if (command == "local-codes") return did::cli::RunLocalCodes(args);
    if (command == "exclusions") return did::cli::RunExclusions(args);
    if (command == "audit") return did::cli::RunAudit(args);
    if (command == "db") return did::cli::RunDb(args);
    if (command == "help" || command == "--help" || command == "-h") {
        std::fputs(kHelp, stdout);
        return did::cli::kExitOk;
    }
    std::fprintf(stderr, "did: unknown command '%s'\n\n%s", command.c_str(), kHelp);
    return did::cli::kExitUsage;
}

}  // namespace
