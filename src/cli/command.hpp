// The `did` subcommands. Each file adds its own to the command line: its options, bound to
// its settings, and a callback that runs it once the whole line has been parsed and leaves
// the process exit status in `exit_status`. Exit statuses are fixed: scripts depend on them.
#pragma once

#include <string>

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11's namespace
class App;
}  // namespace CLI

namespace did::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRejected = 1;  // the file was rejected at file level
inline constexpr int kExitUsage = 2;     // bad arguments, unreadable input, I/O errors
inline constexpr int kExitHeldBack = 3;  // a replacement that drops too much: a submission, a NICIP release

void AddValidateCommand(CLI::App& did, int& exit_status);
void AddGenerateCommand(CLI::App& did, int& exit_status);
void AddRulesCommand(CLI::App& did, int& exit_status);
void AddRefdataCommand(CLI::App& did, int& exit_status);
void AddSubmitCommand(CLI::App& did, int& exit_status);
void AddMonitoringCommands(CLI::App& did, int& exit_status);  // status, submissions, feedback, duplicates
void AddAdminCommands(CLI::App& did, int& exit_status);       // timetable, exception, agreement, expect, …
void AddAuditCommands(CLI::App& did, int& exit_status);       // audit, db
void AddSubmissionCommands(CLI::App& did, int& exit_status);  // submission show|restore, findings
void AddServeCommand(CLI::App& did, int& exit_status);        // the web portal and API
void AddUserCommands(CLI::App& did, int& exit_status);        // the portal's users
void AddReportCommand(CLI::App& did, int& exit_status);       // the national statistics tables

// Prints "did <command>: <message>" to stderr and returns kExitUsage.
int UsageError(const std::string& command, const std::string& message);

}  // namespace did::cli
