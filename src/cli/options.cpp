#include "cli/options.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>

#include "core/with_commas.hpp"
#include "service/published_tables.hpp"

namespace did::cli {
namespace {

std::string Quoted(const std::string& value) {
    return "'" + value + "'";
}

std::string Grouped(int64_t n) {
    return n < 0 ? "-" + core::WithCommas(static_cast<uint64_t>(-n)) : core::WithCommas(static_cast<uint64_t>(n));
}

int64_t ParseWholeNumber(const std::string& name, const std::string& text, int64_t min, int64_t max) {
    int64_t value = 0;
    const char* end = text.data() + text.size();
    const bool digits = !text.empty() && std::all_of(text.begin() + (text[0] == '-' ? 1 : 0), text.end(),
                                                     [](char c) { return c >= '0' && c <= '9'; });
    const auto parsed = std::from_chars(text.data(), end, value);
    if (!digits || text == "-" || parsed.ptr != end || parsed.ec != std::errc() || value < min || value > max) {
        throw CLI::ValidationError(
            name, Quoted(text) + " is not a whole number from " + Grouped(min) + " to " + Grouped(max));
    }
    return value;
}

}  // namespace

std::string ShellWord(const std::string& word) {
    const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               std::string_view("_./:=@%+,-").find(c) != std::string_view::npos;
    });
    if (plain) return word;
    std::string quoted = "'";
    for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

const char* const kExitStatusHelp =
    "Exit status: 0 done; 1 the file was rejected (or, for did audit verify, the log was altered);\n"
    "2 bad arguments, unreadable input or a failed write.";

CLI::Option* AddPeriodOption(CLI::App& app, const std::string& name, std::optional<core::Period>& into,
                             const std::string& help) {
    return app
        .add_option_function<std::string>(
            name,
            [&into, name](const std::string& text) {
                const auto period = core::Period::Parse(text);
                if (!period || text.size() != 7) {
                    throw CLI::ValidationError(name, Quoted(text) + " is not a month as YYYY-MM");
                }
                into = *period;
            },
            help)
        ->type_name("YYYY-MM");
}

CLI::Option* AddDateOption(CLI::App& app, const std::string& name, std::optional<core::Date>& into,
                           const std::string& help) {
    return app
        .add_option_function<std::string>(
            name,
            [&into, name](const std::string& text) {
                const auto date = core::Date::Parse(text);
                if (!date || text.size() != 10) {
                    throw CLI::ValidationError(name, Quoted(text) + " is not a date as YYYY-MM-DD");
                }
                into = *date;
            },
            help)
        ->type_name("YYYY-MM-DD");
}

CLI::Option* AddWholeNumberOption(CLI::App& app, const std::string& name, int64_t& into, int64_t min, int64_t max,
                                  const std::string& help) {
    return app
        .add_option_function<std::string>(
            name, [&into, name, min, max](const std::string& text) { into = ParseWholeNumber(name, text, min, max); },
            help)
        ->type_name("N");
}

CLI::Option* AddWholeNumberOption(CLI::App& app, const std::string& name, std::optional<int64_t>& into, int64_t min,
                                  int64_t max, const std::string& help) {
    return app
        .add_option_function<std::string>(
            name, [&into, name, min, max](const std::string& text) { into = ParseWholeNumber(name, text, min, max); },
            help)
        ->type_name("N");
}

CLI::Option* AddFinancialYearOption(CLI::App& app, const std::string& name, std::string& into,
                                    const std::string& help) {
    return app
        .add_option_function<std::string>(
            name,
            [&into, name](const std::string& text) {
                if (!service::FinancialYear(text)) {
                    throw CLI::ValidationError(
                        name, Quoted(text) + " is not a financial year as YYYY-YY (2025-26: April 2025 to March 2026)");
                }
                into = text;
            },
            help)
        ->type_name("YYYY-YY");
}

CLI::Option* AddFractionOption(CLI::App& app, const std::string& name, double& into, const std::string& help) {
    return app
        .add_option_function<std::string>(
            name,
            [&into, name](const std::string& text) {
                double value = 0;
                const char* end = text.data() + text.size();
                const auto parsed = std::from_chars(text.data(), end, value);
                if (text.empty() || parsed.ptr != end || parsed.ec != std::errc() || !(value >= 0 && value <= 1)) {
                    throw CLI::ValidationError(name, Quoted(text) + " is not a number from 0 to 1");
                }
                into = value;
            },
            help)
        ->type_name("R");
}

CLI::Option* AddOrgCodeOption(CLI::App& app, const std::string& name, std::string& into, const std::string& help) {
    return app
        .add_option_function<std::string>(
            name,
            [&into, name](const std::string& text) {
                const bool ok = text.size() >= 3 && text.size() <= 6 &&
                                std::all_of(text.begin(), text.end(),
                                            [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
                if (!ok) {
                    throw CLI::ValidationError(
                        name, Quoted(text) +
                                  " is not an organisation code (3 to 6 capital letters or digits, as ODS "
                                  "writes it)");
                }
                into = text;
            },
            help)
        ->type_name("CODE");
}

CLI::Option* AddChoiceOption(CLI::App& app, const std::string& name, std::string& into,
                             const std::vector<std::string>& choices, const std::string& help) {
    std::string listed;
    for (const auto& choice : choices) listed += (listed.empty() ? "" : "|") + choice;
    return app
        .add_option_function<std::string>(
            name,
            [&into, name, choices, listed](const std::string& text) {
                if (std::find(choices.begin(), choices.end(), text) == choices.end()) {
                    throw CLI::ValidationError(name, Quoted(text) + " is not one of " + listed);
                }
                into = text;
            },
            help)
        ->type_name(listed);
}

CLI::Option* AddFormatOption(CLI::App& app, std::string& into, const std::vector<std::string>& formats) {
    into = formats.front();
    return AddChoiceOption(app, "--format", into, formats, "how to print (default " + formats.front() + ")");
}

void AddDataDirOption(CLI::App& app, std::optional<std::string>& into) {
    app.add_option("--data-dir", into, "the data directory (default $DID_DATA_DIR, else ~/.local/share/did-collect)")
        ->type_name("DIR");
}

void AddSessionOptions(CLI::App& app, SessionOptions& into) {
    app.add_option("--db", into.db,
                   "the database: sqlite:PATH or postgresql://… (default $DID_DB, else did.sqlite in the data "
                   "directory)")
        ->type_name("URL");
    AddDataDirOption(app, into.data_dir);
    app.add_option("--as", into.as, "who is acting, for the audit log (default $DID_USER, else $USER)")
        ->type_name("NAME");
}

}  // namespace did::cli
