// Running the `did` binary from tests: a shell command's standard output and exit status.
#pragma once

#include <string>

namespace did::testing {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
};

// Runs `command` with /bin/sh; standard error is left alone unless the command redirects it.
ProcessResult Run(const std::string& command);

std::string ReadText(const std::string& path);
void WriteText(const std::string& path, const std::string& text);
// A fresh, empty directory under the system's temporary directory.
std::string MakeTempDir(const std::string& prefix);

}  // namespace did::testing
