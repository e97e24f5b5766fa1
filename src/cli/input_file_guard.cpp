#include "cli/input_file_guard.hpp"

#include <unistd.h>

#include <csignal>

#include "cli/command.hpp"

namespace did::cli {
namespace {

extern "C" void OnBusError(int /*signal*/) {
    // Only async-signal-safe calls here.
    constexpr char kMessage[] =
        "did: the input file was shortened or replaced while it was being read; run the command again once the "
        "file is complete\n";
    (void)!::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(kExitUsage);
}

}  // namespace

void ExplainFilesShortenedWhileRead() {
    std::signal(SIGBUS, OnBusError);
}

}  // namespace did::cli
