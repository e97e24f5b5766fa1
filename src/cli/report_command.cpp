// `did report NAME --year 2025-26 | --period 2026-10`: a national statistics table (NHS
// England's layout) for a financial year or the 13 months to a month, as text, CSV, JSON or an
// Excel workbook (--format xlsx --out FILE).

#include <cstdio>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/output_paths.hpp"
#include "cli/session.hpp"
#include "report/published_table.hpp"
#include "report/published_table_xlsx.hpp"
#include "service/published_tables.hpp"

namespace did::cli {
namespace {

struct ReportOptions {
    std::string name;
    std::optional<core::Period> period;
    std::string year;
    std::string format;
    std::string out;  // the workbook, for --format xlsx
    SessionOptions session;
};

int RunReport(const ReportOptions& o) {
    const std::string command = "report " + o.name;
    core::Result<service::StatisticsSpan> span =
        o.period ? core::Result<service::StatisticsSpan>(service::ThirteenMonthsTo(*o.period))
                 : service::FinancialYear(o.year);
    if (!span) return UsageError(command, span.error().message);
    if (o.format == "xlsx") {
        if (auto clash = CheckOutputPaths({{"--out", o.out}}, DatabaseFiles(DatabaseUrl(o.session))); !clash) {
            return UsageError(command, clash.error().message);
        }
    }
    auto session = OpenSession(o.session, Access::kReadOnly);
    if (!session) return UsageError(command, session.error().message);
    auto table = service::BuildPublishedTable(*session->store, o.name, *span);
    if (!table) return UsageError(command, table.error().message);
    if (o.format == "xlsx") {
        if (auto written = report::WritePublishedTableXlsx(*table, o.out); !written) {
            return UsageError(command, written.error().message);
        }
        std::printf("Wrote %s (%zu rows) to %s.\n", table->title.c_str(), table->rows.size(), o.out.c_str());
        return kExitOk;
    }
    const std::string out = o.format == "csv"    ? report::PublishedTableCsv(*table)
                            : o.format == "json" ? report::PublishedTableJson(*table)
                                                 : report::PublishedTableText(*table);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return kExitOk;
}

}  // namespace

void AddReportCommand(CLI::App& did, int& exit_status) {
    auto o = std::make_shared<ReportOptions>();
    CLI::App* report = did.add_subcommand(
        "report", "a national statistics table, as NHS England publishes it, from the current files");
    std::vector<std::string> names;
    std::string help = "the table:";
    for (const auto& t : service::PublishedTables()) {
        names.emplace_back(t.name);
        help += "\n  " + std::string(t.name) + "  " + std::string(t.title);
    }
    AddChoiceOption(*report, "name", o->name, names, help)->required();
    auto* year =
        AddFinancialYearOption(*report, "--year", o->year, "a financial year, as 2025-26 (April 2025 to March 2026)");
    auto* period = AddPeriodOption(*report, "--period", o->period, "the last of 13 months (the monthly release)");
    year->excludes(period);
    AddFormatOption(*report, o->format, {"text", "csv", "json", "xlsx"});
    report->add_option("--out", o->out, "where --format xlsx writes the workbook")->type_name("FILE");
    AddSessionOptions(*report, o->session);
    report->callback([o, &exit_status] {
        if (o->year.empty() && !o->period) {
            exit_status = UsageError("report", "give --year 2025-26 or --period YYYY-MM (13 months to it)");
            return;
        }
        if ((o->format == "xlsx") != !o->out.empty()) {
            exit_status =
                UsageError("report", "--format xlsx writes a workbook to --out FILE, and only it takes --out");
            return;
        }
        exit_status = RunReport(*o);
    });
}

}  // namespace did::cli
