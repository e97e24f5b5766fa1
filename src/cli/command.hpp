// Subcommands of `did`: each takes its arguments (after the subcommand name) and returns
// the process exit status. Exit statuses are fixed: scripts depend on them.
#pragma once

#include <string>
#include <vector>

namespace did::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRejected = 1;  // the file was rejected at file level
inline constexpr int kExitUsage = 2;     // bad arguments, unreadable input, I/O errors

int RunValidate(const std::vector<std::string>& args);
int RunGenerate(const std::vector<std::string>& args);
int RunRules(const std::vector<std::string>& args);
int RunRefdata(const std::vector<std::string>& args);
int RunSubmit(const std::vector<std::string>& args);
int RunStatus(const std::vector<std::string>& args);
int RunSubmissions(const std::vector<std::string>& args);
int RunFeedback(const std::vector<std::string>& args);
int RunDuplicates(const std::vector<std::string>& args);
int RunTimetable(const std::vector<std::string>& args);
int RunException(const std::vector<std::string>& args);
int RunAgreement(const std::vector<std::string>& args);
int RunExpect(const std::vector<std::string>& args);
int RunLocalCodes(const std::vector<std::string>& args);
int RunExclusions(const std::vector<std::string>& args);
int RunAudit(const std::vector<std::string>& args);
int RunDb(const std::vector<std::string>& args);

// Prints "did <command>: <message>" to stderr and returns kExitUsage.
int UsageError(const std::string& command, const std::string& message);

}  // namespace did::cli
