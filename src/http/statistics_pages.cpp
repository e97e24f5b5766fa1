// The national statistics tables as pages, for every signed-in user: the list of tables, and
// each table for a financial year or the 13 months to a month, with a chart of England's rows
// (Chart.js, web/assets/statistics.js) above the table itself, its notes, and the same table as
// CSV, Excel or JSON. Built by service::BuildPublishedTable and written by the report layer's
// writers, exactly as `did report` builds and writes it: rounded and suppressed, so nothing here
// is patient-level. Months not yet published (their publication cut-off has not passed) are the
// central team's and analysts' only: official statistics are not seen before their release.
#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/file_io.hpp"
#include "http/context.hpp"
#include "http/portal.hpp"
#include "http/routes.hpp"
#include "report/published_table_xlsx.hpp"
#include "service/published_tables.hpp"
#include "service/timetable.hpp"

namespace did::http {
namespace {

// Who may see a month before its release: the central team and its analysts.
bool SeesUnpublished(const Context& context) {
    return context.principal.role == service::Role::kCentralAdministrator ||
           context.principal.role == service::Role::kAnalyst;
}

// The latest month whose publication cut-off has passed: the newest figures released.
core::Result<core::Period> LatestPublished(Context& context) {
    auto timetable = service::Timetable::Load(context.store);
    if (!timetable) return core::Fail(timetable.error());
    const core::Date today = core::Date::Today();
    core::Period period = core::Period::Of(today).Previous();
    for (int i = 0; i < 24; ++i, period = period.Previous()) {
        auto window = timetable->For(period);
        if (!window) return core::Fail(window.error());
        if (window->cutoff < today) return period;
    }
    return period;
}

// The latest month of the default span: last month for the central team, the latest published
// month for everyone else.
core::Result<core::Period> LatestShown(Context& context) {
    if (SeesUnpublished(context)) return core::Period::Of(core::Date::Today()).Previous();
    return LatestPublished(context);
}

// ?year=2025-26, else ?period=2026-10 (the 13 months to it), else the 13 months to the latest
// month shown.
core::Result<service::StatisticsSpan> SpanInQuery(Context& context) {
    if (const auto year = context.request.Query("year"); year && !year->empty()) {
        return service::FinancialYear(*year);
    }
    if (const auto month = context.request.Query("period"); month && !month->empty()) {
        const auto period = core::Period::Parse(*month);
        if (!period) {
            return core::Fail(core::Error::InvalidArgument(
                fmt::format("'{}' is not a month: give it as 2026-10 (the 13 months to October 2026)", *month)));
        }
        return service::ThirteenMonthsTo(*period);
    }
    auto latest = LatestShown(context);
    if (!latest) return core::Fail(latest.error());
    return service::ThirteenMonthsTo(*latest);
}

// The months asked for; a span with a month not yet published is refused to those who may not
// see it (403, saying which month is the latest published).
core::Result<service::StatisticsSpan> SpanAsked(Context& context) {
    auto span = SpanInQuery(context);
    if (!span || SeesUnpublished(context)) return span;
    auto published = LatestPublished(context);
    if (!published) return core::Fail(published.error());
    if (*published < span->last) {
        return core::Fail(core::Error::PermissionDenied(
            fmt::format("{} is not published yet: its figures are released after its publication cut-off. The latest "
                        "published month is {}.",
                        span->last.ToString(), published->ToString())));
    }
    return span;
}

// The query that asks for the same months again ("year=2025-26" or "period=2026-10").
std::string SpanQuery(const service::StatisticsSpan& span) {
    if (span.total_column == "Year") return fmt::format("year={}-{:02}", span.first.Year(), span.last.Year() % 100);
    return "period=" + span.last.ToString();
}

// A figure as a chart plots it: the number shown, null where it is suppressed.
nlohmann::json Plotted(const report::PublishedCell& cell) {
    double value = 0;
    if (!report::ShownNumber(report::Shown(cell), value)) return nullptr;
    return value;
}

// What the chart draws, from the figures as shown (never the unrounded ones): for a table by
// month, a line per England row across the months; otherwise a bar per England row (table 9:
// all settings; table 13: the latest quarter) for each percentage column, or each count but the
// totals where there are no percentages.
nlohmann::json ChartOf(const report::PublishedTable& table) {
    std::vector<const std::vector<report::PublishedCell>*> england;
    for (const auto& row : table.rows) {
        if (row.size() > 2 && row[2].text == "ENGLAND") england.push_back(&row);
    }
    if (table.name == "table9") {
        std::erase_if(england,
                      [&](const auto* row) { return (*row)[table.heading_columns - 1].text != "All settings"; });
    } else if (table.name == "table13" && !england.empty()) {
        const std::string latest = england.back()->at(3).text;
        std::erase_if(england, [&](const auto* row) { return (*row)[3].text != latest; });
    }
    auto label = [&](const std::vector<report::PublishedCell>& row) {
        std::string text;
        for (size_t c = 3; c < table.heading_columns; ++c) {
            if (table.name == "table13" && c == 3) continue;  // the quarter, the same for every bar
            text += (text.empty() ? "" : ", ") + row[c].text;
        }
        return text.empty() ? std::string("England") : text;  // a table with one row per provider
    };
    const bool by_month = table.columns.size() > table.heading_columns + 1 &&
                          core::Period::Parse(table.columns[table.heading_columns]).has_value();
    nlohmann::json chart = {{"labels", nlohmann::json::array()}, {"datasets", nlohmann::json::array()}};
    report::PublishedCell::Kind kind = report::PublishedCell::Kind::kCount;
    if (by_month) {
        chart["type"] = "line";
        for (size_t c = table.heading_columns; c + 1 < table.columns.size(); ++c)
            chart["labels"].push_back(table.columns[c]);
        for (const auto* row : england) {
            nlohmann::json data = nlohmann::json::array();
            for (size_t c = table.heading_columns; c + 1 < row->size(); ++c) data.push_back(Plotted((*row)[c]));
            chart["datasets"].push_back({{"label", label(*row)}, {"data", data}});
            kind = (*row)[table.heading_columns].kind;
        }
    } else {
        chart["type"] = "bar";
        for (const auto* row : england) chart["labels"].push_back(label(*row));
        std::vector<size_t> columns;
        for (size_t c = table.heading_columns; c < table.columns.size(); ++c) {
            if (table.columns[c].ends_with("(%)")) columns.push_back(c);
        }
        kind = columns.empty() ? report::PublishedCell::Kind::kCount : report::PublishedCell::Kind::kPercent;
        if (columns.empty()) {
            for (size_t c = table.heading_columns; c < table.columns.size(); ++c) {
                const std::string& name = table.columns[c];
                const bool text = !england.empty() && (*england.front())[c].kind == report::PublishedCell::Kind::kText;
                if (!text && !name.starts_with("Total") && !name.ends_with("total") && !name.ends_with("known")) {
                    columns.push_back(c);
                }
            }
        }
        for (const size_t c : columns) {
            nlohmann::json data = nlohmann::json::array();
            for (const auto* row : england) data.push_back(Plotted((*row)[c]));
            chart["datasets"].push_back({{"label", table.columns[c]}, {"data", data}});
        }
    }
    chart["axis"] = kind == report::PublishedCell::Kind::kMedian    ? "Median days"
                    : kind == report::PublishedCell::Kind::kPercent ? "Per cent"
                                                                    : "Examinations (rounded to the nearest 5)";
    return chart;
}

// The table the path names, for the months the query asks.
struct AskedTable {
    service::StatisticsSpan span;
    report::PublishedTable table;
};

core::Result<AskedTable> TableAsked(Context& context) {
    auto span = SpanAsked(context);
    if (!span) return core::Fail(span.error());
    auto table = service::BuildPublishedTable(context.store, context.Param("table"), *span);
    if (!table) return core::Fail(table.error());
    return AskedTable{std::move(*span), std::move(*table)};
}

Response StatisticsIndex(Context& context) {
    PageData tables{PageData::type::list};
    for (const auto& spec : service::PublishedTables()) {
        PageData t;
        t.set("name", std::string(spec.name));
        t.set("title", std::string(spec.title));
        tables.push_back(t);
    }
    PageData data;
    data.set("tables", tables);
    auto latest = LatestShown(context);
    if (!latest) return context.Error(latest.error());
    data.set("last_month", latest->ToString());
    return context.Page("statistics", "National statistics", data);
}

Response StatisticsTable(Context& context) {
    auto asked = TableAsked(context);
    if (!asked) return context.Error(asked.error());
    const report::PublishedTable* table = &asked->table;
    PageData columns{PageData::type::list};
    for (size_t c = 0; c < table->columns.size(); ++c) {
        PageData column;
        column.set("name", table->columns[c]);
        column.set("figure", c >= table->heading_columns);
        columns.push_back(column);
    }
    PageData rows{PageData::type::list};
    for (const auto& row : table->rows) {
        PageData cells{PageData::type::list};
        for (size_t c = 0; c < row.size(); ++c) {
            PageData cell;
            cell.set("shown", report::Shown(row[c]));
            cell.set("figure", c >= table->heading_columns);
            cells.push_back(cell);
        }
        PageData r;
        r.set("cells", cells);
        r.set("england", row.size() > 2 && row[2].text == "ENGLAND");
        rows.push_back(r);
    }
    PageData notes{PageData::type::list};
    for (const std::string& note : table->notes) notes.push_back(PageData(note));
    PageData data;
    data.set("name", table->name);
    data.set("title", table->title);
    data.set("span", table->span);
    std::string sentence = table->span;  // "the 13 months …" opening a line
    if (!sentence.empty()) sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
    data.set("span_sentence", sentence + ".");
    data.set("query", SpanQuery(asked->span));
    data.set("columns", columns);
    data.set("rows", rows);
    data.set("notes", notes);
    data.set("chart", ChartOf(*table).dump());
    return context.Page("statistics_table", table->title, data);
}

Response StatisticsDownload(Context& context) {
    const std::string format = context.request.Query("format").value_or("csv");
    if (format != "csv" && format != "json" && format != "xlsx") {
        return context.Error(core::Error::InvalidArgument(
            fmt::format("'{}' is not a format of the tables: ask for csv, xlsx or json", format)));
    }
    auto asked = TableAsked(context);
    if (!asked) return context.Error(asked.error());
    const report::PublishedTable* table = &asked->table;
    const service::StatisticsSpan& span = asked->span;
    Response response;
    const std::string file =
        fmt::format("{}-{}-{}.{}", table->name, span.first.ToString(), span.last.ToString(), format);
    if (format == "csv") {
        response.content_type = "text/csv; charset=utf-8";
        response.body = report::PublishedTableCsv(*table);
    } else if (format == "json") {
        response.content_type = "application/json";
        response.body = report::PublishedTableJson(*table);
    } else {
        // libxlsxwriter writes files only: the workbook goes through a folder of its own in the
        // spool directory, made by mkdtemp (0700, a name no one else has), removed after.
        std::string folder = context.portal.options().spool_directory + "/statistics-XXXXXX";
        if (::mkdtemp(folder.data()) == nullptr) {
            return context.Error(core::Error::Internal("cannot make a folder for the workbook in the spool directory"));
        }
        const std::string path = folder + "/" + file;
        auto written = report::WritePublishedTableXlsx(*table, path);
        auto bytes = written ? core::ReadFile(path) : core::Result<std::string>(core::Fail(written.error()));
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
        if (!bytes) return context.Error(bytes.error());
        response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        response.body = std::move(*bytes);
    }
    response.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file));
    return response;
}

}  // namespace

void AddStatisticsPages(RouteTable& routes) {
    const AccessRule everyone{Audience::kSignedIn, {}, "", false, false};
    routes.Add({"GET", "/statistics", everyone, StatisticsIndex, BodyKind::kSmall,
                "The national statistics tables, and the months to show them for"});
    routes.Add({"GET", "/statistics/{table}", everyone, StatisticsTable, BodyKind::kSmall,
                "One statistics table for a financial year or 13 months: a chart, the table and its notes"});
    routes.Add({"GET", "/statistics/{table}/download", everyone, StatisticsDownload, BodyKind::kSmall,
                "One statistics table as CSV, an Excel workbook or JSON"});
}

}  // namespace did::http
