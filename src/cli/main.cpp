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
    "  did refdata show       which NICIP catalogue is in use\n";

}  // namespace

namespace did::cli {

int UsageError(const std::string& command, const std::string& message) {
    std::fprintf(stderr, "did %s: %s\n", command.c_str(), message.c_str());
    return kExitUsage;
}

}  // namespace did::cli

int main(int argc, char** argv) {
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
    if (command == "help" || command == "--help" || command == "-h") {
        std::fputs(kHelp, stdout);
        return did::cli::kExitOk;
    }
    std::fprintf(stderr, "did: unknown command '%s'\n\n%s", command.c_str(), kHelp);
    return did::cli::kExitUsage;
}
