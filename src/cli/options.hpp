// Typed options for the `did` commands on CLI11: each value is checked as it is parsed, and a
// wrong one is named with the option and what was expected ("--rows: -5 is not a whole number
// from 0 to 100,000,000"), so no command ever sees a value it must check again. The options
// every database command shares (--db, --data-dir, --as) are declared once here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/period.hpp"

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11's namespace
class App;
class Option;
}  // namespace CLI

namespace did::cli {

CLI::Option* AddPeriodOption(CLI::App& app, const std::string& name, std::optional<core::Period>& into,
                             const std::string& help);
CLI::Option* AddDateOption(CLI::App& app, const std::string& name, std::optional<core::Date>& into,
                           const std::string& help);
// A whole number in [min, max], written in decimal digits only.
CLI::Option* AddWholeNumberOption(CLI::App& app, const std::string& name, int64_t& into, int64_t min, int64_t max,
                                  const std::string& help);
CLI::Option* AddWholeNumberOption(CLI::App& app, const std::string& name, std::optional<int64_t>& into, int64_t min,
                                  int64_t max, const std::string& help);
// A financial year as YYYY-YY (2025-26: April 2025 to March 2026), kept as written.
CLI::Option* AddFinancialYearOption(CLI::App& app, const std::string& name, std::string& into, const std::string& help);
// A fraction from 0 to 1.
CLI::Option* AddFractionOption(CLI::App& app, const std::string& name, double& into, const std::string& help);
// An ODS organisation code as written: 3 to 6 capital letters or digits.
CLI::Option* AddOrgCodeOption(CLI::App& app, const std::string& name, std::string& into, const std::string& help);
// One of `choices`.
CLI::Option* AddChoiceOption(CLI::App& app, const std::string& name, std::string& into,
                             const std::vector<std::string>& choices, const std::string& help);
// --format, one of `formats`, the first being the default.
CLI::Option* AddFormatOption(CLI::App& app, std::string& into, const std::vector<std::string>& formats);

// Where the data directory and the database are, and who is acting.
struct SessionOptions {
    std::optional<std::string> db;
    std::optional<std::string> data_dir;
    std::optional<std::string> as;
};
void AddSessionOptions(CLI::App& app, SessionOptions& into);
void AddDataDirOption(CLI::App& app, std::optional<std::string>& into);

// `word` as a shell reads it back: as it is when plain, else in single quotes. For the
// commands a report suggests running next.
std::string ShellWord(const std::string& word);

// The exit statuses, for the end of every command's --help.
extern const char* const kExitStatusHelp;

}  // namespace did::cli
