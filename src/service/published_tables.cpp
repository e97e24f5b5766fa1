#include "service/published_tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <tuple>

#include "refdata/cancer_test_groups.hpp"
#include "refdata/interventional_codes.hpp"
#include "refdata/nhs_region.hpp"
#include "refdata/published_modality.hpp"
#include "service/data_issue_notes.hpp"
#include "service/reference_data.hpp"
#include "store/statistics_cube_table.hpp"

namespace did::service {
namespace {

using report::PublishedCell;

constexpr std::string_view kEngland = "";  // the England row's key among providers
constexpr std::string_view kGpDirectAccess = "04";

const std::array<std::string_view, 12> kMonthNames = {"January",   "February", "March",    "April",
                                                      "May",       "June",     "July",     "August",
                                                      "September", "October",  "November", "December"};

// The source settings of table 11, in its column order, with their codes.
struct Setting {
    std::string_view code;
    std::string_view label;
};
constexpr std::array<Setting, 7> kSettings = {{{"05", "A&E"},
                                               {"02", "Day case"},
                                               {"01", "Inpatient"},
                                               {"03", "Outpatient"},
                                               {"04", "GP direct access"},
                                               {"06", "Other health care provider"},
                                               {"07", "Other"}}};

int MonthsBetween(core::Period first, core::Period last) {
    return (last.Year() - first.Year()) * 12 + last.Month() - first.Month() + 1;
}

std::string MonthName(core::Period period) {
    return fmt::format("{} {}", kMonthNames[static_cast<size_t>(period.Month() - 1)], period.Year());
}

// The financial quarter of a month: "2025-26 Q1" for April to June 2025.
std::string QuarterOf(core::Period period) {
    const int start = period.Month() >= 4 ? period.Year() : period.Year() - 1;
    return fmt::format("{}-{:02} Q{}", start, (start + 1) % 100, (period.Month() + 8) % 12 / 3 + 1);
}

// Whole-day waits counted by day: (days → examinations).
using Histogram = std::map<int64_t, int64_t>;

// What the cube holds for the span, gathered per provider (kEngland for all), modality and
// column (a month, or the last for the whole span).
struct Gathered {
    std::map<std::tuple<std::string, std::string, int>, int64_t> count;
    std::map<std::tuple<std::string, std::string, int, bool>, Histogram> waits;       // known waits only
    std::map<std::tuple<std::string, std::string, std::string>, int64_t> by_setting;  // span total
    // Over the span, by source setting, not known (-1) included: (who, modality, measure) → setting → days.
    std::map<std::tuple<std::string, std::string, bool>, std::map<std::string, Histogram>> setting_waits;
    // Test to report by financial quarter: (who, modality, quarter) → setting → days.
    std::map<std::tuple<std::string, std::string, std::string>, std::map<std::string, Histogram>> quarter_reports;
    std::vector<std::string> quarters;  // in the span's order
    // Cancer test groups, all settings (false) and GP direct access (true), not known included.
    std::map<std::tuple<std::string, std::string, bool, int, bool>, Histogram> group_waits;
    std::map<std::string, std::set<int>> months_of;  // provider → months with data
};

core::Result<Gathered> Gather(store::Store& store, const StatisticsSpan& span) {
    const int months = MonthsBetween(span.first, span.last);
    Gathered g;
    // Each month's financial quarter, worked out once rather than for every cell.
    std::vector<std::string> quarter_of_month;
    for (core::Period p = span.first; static_cast<int>(quarter_of_month.size()) < months; p = p.Next()) {
        quarter_of_month.push_back(QuarterOf(p));
        if (g.quarters.empty() || g.quarters.back() != quarter_of_month.back())
            g.quarters.push_back(quarter_of_month.back());
    }
    auto status =
        store::StatisticsCubeTable(store.db()).ForEachCell(span.first, span.last, [&](const store::StatisticsCell& c) {
            const auto period = core::Period::Parse(c.period);
            if (!period) return;
            const int month = MonthsBetween(span.first, *period) - 1;
            for (const std::string& who : {c.provider, std::string(kEngland)}) {
                for (const int column : {month, months}) {
                    if (c.request_to_test) g.count[{who, c.modality, column}] += c.examinations;
                    if (c.days >= 0) {
                        g.waits[{who, c.modality, column, c.request_to_test}][c.days] += c.examinations;
                    }
                }
                if (c.request_to_test) {
                    g.by_setting[{who, c.modality, c.source_setting}] += c.examinations;
                }
                g.setting_waits[{who, c.modality, c.request_to_test}][c.source_setting][c.days] += c.examinations;
                if (!c.request_to_test) {
                    g.quarter_reports[{who, c.modality, quarter_of_month[static_cast<size_t>(month)]}][c.source_setting]
                                     [c.days] += c.examinations;
                }
                if (c.cancer_test_group.empty()) continue;
                for (const int column : {month, months}) {
                    for (const bool gp_direct : {false, true}) {
                        if (gp_direct && c.source_setting != kGpDirectAccess) continue;
                        g.group_waits[{who, c.cancer_test_group, gp_direct, column, c.request_to_test}][c.days] +=
                            c.examinations;
                    }
                }
            }
            g.months_of[c.provider].insert(month);
        });
    if (!status) return core::Fail(status.error());
    return g;
}

// A provider's row heading: region, code, name.
struct ProviderRow {
    std::string region_code;
    std::string region;
    std::string code;
    std::string name;
};

std::vector<ProviderRow> ProviderRows(const Gathered& g, const refdata::OrganisationDirectory& organisations) {
    std::vector<ProviderRow> rows;
    for (const auto& [provider, months] : g.months_of) {
        ProviderRow row{"", "", provider, provider};
        if (const refdata::Organisation* org = organisations.Find(provider)) {
            row.name = org->name;
            row.region_code = org->region;
        }
        if (row.region_code.empty()) {  // an independent provider: the region of its sites
            for (const std::string& site :
                 organisations.SitesWhere([&](const std::string& owner) { return owner == provider; })) {
                const refdata::Organisation* s = organisations.Find(site);
                if (s != nullptr && !s->region.empty()) {
                    row.region_code = s->region;
                    break;
                }
            }
        }
        row.region = row.region_code.empty() ? "Region not known" : refdata::NhsRegionName(row.region_code);
        rows.push_back(std::move(row));
    }
    // Regions in the published order (Y56 … Y63), a region not known last; then by code.
    std::sort(rows.begin(), rows.end(), [](const ProviderRow& a, const ProviderRow& b) {
        return std::forward_as_tuple(a.region_code.empty(), a.region_code, a.code) <
               std::forward_as_tuple(b.region_code.empty(), b.region_code, b.code);
    });
    return rows;
}

// What a row breaks down by, after the provider: a modality, or a test group and a setting.
using Breakdown = std::vector<std::string>;

std::vector<Breakdown> ByModality() {
    std::vector<Breakdown> out;
    out.reserve(refdata::kPublishedModalities.size());
    for (const std::string_view modality : refdata::kPublishedModalities) out.push_back({std::string(modality)});
    return out;
}

// Table 12's modalities: the nine, cone beam CT and endoscopy, and interventional radiology,
// whose codes name no other modality.
std::vector<Breakdown> InterventionalModalities() {
    std::vector<Breakdown> out = ByModality();
    for (const std::string_view modality :
         {refdata::kConeBeamCt, refdata::kEndoscopy, refdata::ModalityLabel(refdata::Modality::kInterventional)}) {
        out.push_back({std::string(modality)});
    }
    return out;
}

// Table 12: the examinations of the interventional codes, by provider (kEngland for all), the
// published modality and column (a month, or `months` for the whole span).
core::Result<std::map<std::tuple<std::string, std::string, int>, int64_t>> InterventionalCounts(
    store::Store& store, const StatisticsSpan& span) {
    const int months = MonthsBetween(span.first, span.last);
    const auto& interventional = refdata::InterventionalCodes::Shipped();
    std::map<std::tuple<std::string, std::string, int>, int64_t> counts;
    auto status =
        store::StatisticsCubeTable(store.db()).ForEachCodeCount(span.first, span.last, [&](const store::CodeCount& c) {
            const auto period = core::Period::Parse(c.period);
            const auto modality = refdata::ModalityFromLabel(c.modality);
            if (!period || !modality || !interventional.Contains(c.nicip)) return;
            const std::string label(refdata::PublishedModalities::Shipped().Of(c.nicip, *modality));
            const int month = MonthsBetween(span.first, *period) - 1;
            for (const std::string& who : {c.provider, std::string(kEngland)}) {
                for (const int column : {month, months}) counts[{who, label, column}] += c.examinations;
            }
        });
    if (!status) return core::Fail(status.error());
    return counts;
}

// ENGLAND's rows, then each provider's: one per breakdown, filled by `fill(who, breakdown, row)`.
template <class Fill>
void AddRows(report::PublishedTable& table, const std::vector<ProviderRow>& providers,
             const std::vector<Breakdown>& breakdowns, const Fill& fill) {
    auto add = [&](std::string_view region, std::string_view code, std::string_view name, const std::string& who) {
        for (const Breakdown& breakdown : breakdowns) {
            std::vector<PublishedCell> row = {PublishedCell::Text(std::string(region)),
                                              PublishedCell::Text(std::string(code)),
                                              PublishedCell::Text(std::string(name))};
            for (const std::string& part : breakdown) row.push_back(PublishedCell::Text(part));
            fill(who, breakdown, row);
            table.rows.push_back(std::move(row));
        }
    };
    add("-", "-", "ENGLAND", std::string(kEngland));
    for (const ProviderRow& p : providers) add(p.region, p.code, p.name, p.code);
}

std::vector<std::string> Notes(const Gathered& g, const StatisticsSpan& span, size_t providers,
                               const std::vector<store::DataIssueNoteRow>& data_issues,
                               const refdata::OrganisationDirectory& organisations) {
    const int months = MonthsBetween(span.first, span.last);
    size_t files = 0;
    std::vector<std::string> partial;
    for (const auto& [provider, present] : g.months_of) {
        files += present.size();
        if (static_cast<int>(present.size()) < months) {
            partial.push_back(fmt::format("{} ({} of {} months)", provider, present.size(), months));
        }
    }
    std::vector<std::string> notes = {
        fmt::format("Period: {}. From the current file of each provider and month.", span.label),
        "Counts are rounded to the nearest 5. A count under 3, and a median or percentage based on fewer than 3 "
        "examinations, is shown as *. Zero is shown as 0. Percentages are computed from unrounded counts.",
        fmt::format("Coverage: {} providers sent data for the period, {} provider-months in all.", providers, files)};
    if (!partial.empty()) {
        std::string list;
        for (size_t i = 0; i < partial.size(); ++i) list += (i > 0 ? ", " : "") + partial[i];
        notes.push_back("Providers without data for every month: " + list + ".");
    }
    notes.push_back(
        "Waits run from the request date, or the date the request was received where there is no request date; "
        "an examination without the dates a wait needs is left out of its median.");
    for (const store::DataIssueNoteRow& issue : data_issues) {
        const refdata::Organisation* org = organisations.Find(issue.provider);
        const auto month = [&](const std::string& period) {
            const auto p = core::Period::Parse(period);
            return p ? MonthName(*p) : period;
        };
        notes.push_back(fmt::format("Data issue, {}{}, {}: {}", issue.provider, org != nullptr ? " " + org->name : "",
                                    issue.first_period == issue.last_period
                                        ? month(issue.first_period)
                                        : month(issue.first_period) + " to " + month(issue.last_period),
                                    issue.note));
    }
    return notes;
}

std::vector<std::string> MonthColumns(const StatisticsSpan& span, std::vector<std::string> columns) {
    for (core::Period p = span.first;; p = p.Next()) {
        columns.push_back(p.ToString());
        if (p.Year() == span.last.Year() && p.Month() == span.last.Month()) break;
    }
    columns.push_back(span.total_column);
    return columns;
}

// The waits of `settings` (all settings when empty) summed.
Histogram InSettings(const std::map<std::string, Histogram>& by_setting,
                     const std::vector<std::string_view>& settings) {
    Histogram out;
    for (const auto& [setting, days] : by_setting) {
        if (!settings.empty() && std::find(settings.begin(), settings.end(), setting) == settings.end()) continue;
        for (const auto& [d, n] : days) out[d] += n;
    }
    return out;
}

// Examinations of `who` and `modality` in `settings` (all settings when empty), by wait.
Histogram WaitsIn(const Gathered& g, const std::string& who, const std::string& modality,
                  const std::vector<std::string_view>& settings, bool request_to_test) {
    const auto found = g.setting_waits.find({who, modality, request_to_test});
    return found == g.setting_waits.end() ? Histogram() : InSettings(found->second, settings);
}

// Examinations whose wait is in [low, high] days (high -1: no upper end).
int64_t Within(const Histogram& days, int64_t low, int64_t high) {
    int64_t n = 0;
    for (const auto& [d, count] : days) {
        if (d >= low && (high < 0 || d <= high)) n += count;
    }
    return n;
}

// The median of the known waits (not known, -1, left out), on how many it is based.
PublishedCell MedianCell(const Histogram& days) {
    std::vector<std::pair<int64_t, int64_t>> known;
    int64_t base = 0;
    for (const auto& [d, n] : days) {
        if (d < 0) continue;
        known.emplace_back(d, n);
        base += n;
    }
    return PublishedCell::Median(MedianOf(known), base);
}

// A band of whole days, [low, high]; high -1 for no upper end.
struct Band {
    std::string_view label;
    int64_t low;
    int64_t high;
};

PublishedCell Percent(int64_t part, int64_t whole) {
    return PublishedCell::Percent(whole == 0 ? 0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole),
                                  whole);
}

// Table 10's and 13's two groups of source settings.
const std::vector<std::string_view> kAdmittedAndAe = {"05", "01", "02"};
const std::vector<std::string_view> kOutpatientAndGp = {"03", "04"};
// Table 13's second group: outpatients, GP direct access and the others.
const std::vector<std::string_view> kOutpatientGpAndOther = {"03", "04", "06", "07"};

}  // namespace

double MedianOf(const std::vector<std::pair<int64_t, int64_t>>& days_and_counts) {
    int64_t total = 0;
    for (const auto& [days, count] : days_and_counts) total += count;
    if (total == 0) return 0;
    // The values at 0-based places (total - 1) / 2 and total / 2: the same place when odd.
    auto value_at = [&](int64_t place) {
        for (const auto& [days, count] : days_and_counts) {
            if (place < count) return days;
            place -= count;
        }
        return days_and_counts.back().first;
    };
    return (static_cast<double>(value_at((total - 1) / 2)) + static_cast<double>(value_at(total / 2))) / 2;
}

core::Result<StatisticsSpan> FinancialYear(std::string_view year) {
    int start = 0;
    int end = 0;
    const bool shape = year.size() == 7 && year[4] == '-' &&
                       std::from_chars(year.data(), year.data() + 4, start).ec == std::errc() &&
                       std::from_chars(year.data() + 5, year.data() + 7, end).ec == std::errc();
    if (!shape || (start + 1) % 100 != end || start < 2000 || start > 9998) {
        return core::Fail(core::Error::InvalidArgument(
            fmt::format("'{}' is not a financial year: give it as 2025-26 (April 2025 to March 2026)", year)));
    }
    StatisticsSpan span{*core::Period::Parse(fmt::format("{}-04", start)),
                        *core::Period::Parse(fmt::format("{}-03", start + 1)), "", "Year"};
    span.label = fmt::format("financial year {} ({} to {})", year, MonthName(span.first), MonthName(span.last));
    return span;
}

StatisticsSpan ThirteenMonthsTo(core::Period last) {
    core::Period first = last;
    for (int i = 0; i < 12; ++i) first = first.Previous();
    return {first, last, fmt::format("the 13 months {} to {}", MonthName(first), MonthName(last)), "13 months"};
}

const std::vector<PublishedTableSpec>& PublishedTables() {
    static const std::vector<PublishedTableSpec> tables = {
        {"table1", "Table 1: Imaging activity, by modality"},
        {"table2", "Table 2: Median days from request to test, by modality"},
        {"table3", "Table 3: Median days from test to report, by modality"},
        {"table4", "Table 4: Tests suitable for diagnosing cancer, by test and source setting"},
        {"table5", "Table 5: Median days from request to test, tests suitable for diagnosing cancer"},
        {"table6", "Table 6: Median days from test to report, tests suitable for diagnosing cancer"},
        {"table9", "Table 9: Days from request to test in bands, by modality and patient source setting (England)"},
        {"table10",
         "Table 10: Reports issued the same day and by the next day, by modality and patient source setting"},
        {"table11", "Table 11: Imaging activity, by modality and patient source setting"},
        {"table12", "Table 12: Interventional procedures, by modality"},
        {"table13", "Table 13: Report turnaround by quarter, by modality and patient source setting"},
    };
    return tables;
}

core::Result<report::PublishedTable> BuildPublishedTable(store::Store& store, std::string_view name,
                                                         const StatisticsSpan& span) {
    const auto& tables = PublishedTables();
    const auto spec = std::find_if(tables.begin(), tables.end(), [&](const auto& t) { return t.name == name; });
    if (spec == tables.end()) {
        std::string known;
        for (const auto& t : tables) known += (known.empty() ? "" : ", ") + std::string(t.name);
        return core::Fail(core::Error::NotFound(fmt::format("there is no table '{}'; the tables are {}", name, known)));
    }
    // A file stored before the statistics cube existed has none until `did db migrate` counts it.
    auto uncounted = store::StatisticsCubeTable(store.db()).Uncounted();
    if (!uncounted) return core::Fail(uncounted.error());
    std::vector<const store::UncountedFile*> blocking;
    for (const store::UncountedFile& file : *uncounted) {
        if (file.current && span.first.ToString() <= file.period && file.period <= span.last.ToString()) {
            blocking.push_back(&file);
        }
    }
    if (!blocking.empty()) {
        return core::Fail(core::Error::Conflict(fmt::format(
            "{} current file(s) of these months were stored before the statistics cube existed and are not counted "
            "in it yet (the first: {} for {}): run `did db migrate` once, then ask again",
            blocking.size(), blocking.front()->provider, blocking.front()->period)));
    }
    auto gathered = Gather(store, span);
    if (!gathered) return core::Fail(gathered.error());
    auto reference = LoadReferenceData(store);
    if (!reference) return core::Fail(reference.error());
    const auto providers = ProviderRows(*gathered, (*reference)->organisations);
    const Gathered& g = *gathered;
    const int months = MonthsBetween(span.first, span.last);

    report::PublishedTable table;
    table.name = std::string(spec->name);
    table.title = std::string(spec->title);
    table.span = span.label;
    const std::vector<std::string> heading = {"Region", "Org Code", "Provider name", "Modality"};
    if (name == "table1") {
        table.columns = MonthColumns(span, heading);
        AddRows(table, providers, ByModality(), [&](const std::string& who, const Breakdown& b, auto& row) {
            const std::string& modality = b[0];
            for (int column = 0; column <= months; ++column) {
                const auto it = g.count.find({who, modality, column});
                row.push_back(PublishedCell::Count(it == g.count.end() ? 0 : it->second));
            }
        });
    } else if (name == "table2" || name == "table3") {
        const bool request_to_test = name == "table2";
        table.columns = MonthColumns(span, heading);
        AddRows(table, providers, ByModality(), [&](const std::string& who, const Breakdown& b, auto& row) {
            const std::string& modality = b[0];
            for (int column = 0; column <= months; ++column) {
                const auto it = g.waits.find({who, modality, column, request_to_test});
                row.push_back(it == g.waits.end() ? PublishedCell::Median(0, 0) : MedianCell(it->second));
            }
        });
    } else if (name == "table4" || name == "table5" || name == "table6") {
        // The cancer test groups, all settings and GP direct access: counts, then the medians.
        std::vector<Breakdown> breakdowns;
        breakdowns.reserve(2 * refdata::kCancerTestGroups.size());
        for (const std::string_view group : refdata::kCancerTestGroups) {
            for (const std::string_view setting : {"All", "GP Direct Access"}) {
                breakdowns.push_back({std::string(group), std::string(setting)});
            }
        }
        table.columns = MonthColumns(span, {"Region", "Org Code", "Provider name", "Test", "Source setting"});
        table.heading_columns = 5;
        AddRows(table, providers, breakdowns, [&](const std::string& who, const Breakdown& b, auto& row) {
            const bool gp_direct = b[1] != "All";
            for (int column = 0; column <= months; ++column) {
                const bool request_to_test = name != "table6";
                const auto it = g.group_waits.find({who, b[0], gp_direct, column, request_to_test});
                if (name == "table4") {
                    row.push_back(PublishedCell::Count(it == g.group_waits.end() ? 0 : Within(it->second, -1, -1)));
                } else {
                    row.push_back(it == g.group_waits.end() ? PublishedCell::Median(0, 0) : MedianCell(it->second));
                }
            }
        });
    } else if (name == "table9") {
        // England only: each modality by each setting and all settings, known waits in bands.
        constexpr std::array<Band, 4> kBands = {
            {{"0-7 days", 0, 7}, {"8-31 days", 8, 31}, {"32-62 days", 32, 62}, {"Over 62 days", 63, -1}}};
        table.columns = heading;
        table.columns.emplace_back("Source setting");
        table.heading_columns = 5;
        for (const Band& b : kBands) table.columns.emplace_back(b.label);
        table.columns.emplace_back("Total known");
        for (const Band& b : kBands) table.columns.push_back(std::string(b.label) + " (%)");
        std::vector<std::pair<std::string, std::vector<std::string_view>>> settings;
        settings.reserve(kSettings.size() + 1);
        for (const Setting& s : kSettings) settings.push_back({std::string(s.label), {s.code}});
        settings.push_back({"All settings", {}});
        for (const std::string_view modality : refdata::kPublishedModalities) {
            for (const auto& [label, codes] : settings) {
                std::vector<PublishedCell> row = {
                    PublishedCell::Text("-"), PublishedCell::Text("-"), PublishedCell::Text("ENGLAND"),
                    PublishedCell::Text(std::string(modality)), PublishedCell::Text(label)};
                const Histogram days = WaitsIn(g, std::string(kEngland), std::string(modality), codes, true);
                const int64_t known = Within(days, 0, -1);
                for (const Band& b : kBands) row.push_back(PublishedCell::Count(Within(days, b.low, b.high)));
                row.push_back(PublishedCell::Count(known));
                for (const Band& b : kBands) row.push_back(Percent(Within(days, b.low, b.high), known));
                table.rows.push_back(std::move(row));
            }
        }
    } else if (name == "table10") {
        table.columns = heading;
        for (const std::string_view group : {"A&E and admitted", "Outpatient and GP direct access"}) {
            for (const std::string_view column :
                 {"same day (%)", "by the next day (%)", "known", "not known", "total"}) {
                table.columns.push_back(std::string(group) + ": " + std::string(column));
            }
        }
        AddRows(table, providers, ByModality(), [&](const std::string& who, const Breakdown& b, auto& row) {
            const std::string& modality = b[0];
            for (const auto* settings : {&kAdmittedAndAe, &kOutpatientAndGp}) {
                const Histogram days = WaitsIn(g, who, modality, *settings, false);
                const int64_t known = Within(days, 0, -1);
                const int64_t total = Within(days, -1, -1);
                row.push_back(Percent(Within(days, 0, 0), known));
                row.push_back(Percent(Within(days, 0, 1), known));
                row.push_back(PublishedCell::Count(known));
                row.push_back(PublishedCell::Count(total - known));
                row.push_back(PublishedCell::Count(total));
            }
        });
    } else if (name == "table13") {
        // Report turnaround by financial quarter, as percentages of the reports with a known
        // turnaround, for the two groups of settings.
        const std::array<Band, 3> admitted = {
            {{"same day", 0, 0}, {"by the next day", 0, 1}, {"over 28 days", 29, -1}}};
        const std::array<Band, 4> others = {
            {{"by the next day", 0, 1}, {"within 7 days", 0, 7}, {"within 14 days", 0, 14}, {"over 28 days", 29, -1}}};
        const std::string first_group = "A&E and admitted";
        const std::string second_group = "Outpatient, GP direct access and other";
        table.columns = {"Region", "Org Code", "Provider name", "Quarter", "Modality"};
        table.heading_columns = 5;
        for (const Band& b : admitted) table.columns.push_back(first_group + ": " + std::string(b.label) + " (%)");
        table.columns.push_back(first_group + ": not known");
        table.columns.push_back(first_group + ": total");
        for (const Band& b : others) table.columns.push_back(second_group + ": " + std::string(b.label) + " (%)");
        table.columns.push_back(second_group + ": not known");
        table.columns.push_back(second_group + ": total");
        std::vector<Breakdown> breakdowns;
        breakdowns.reserve(g.quarters.size() * refdata::kPublishedModalities.size());
        for (const std::string& quarter : g.quarters) {
            for (const std::string_view modality : refdata::kPublishedModalities) {
                breakdowns.push_back({quarter, std::string(modality)});
            }
        }
        AddRows(table, providers, breakdowns, [&](const std::string& who, const Breakdown& b, auto& row) {
            const auto found = g.quarter_reports.find({who, b[1], b[0]});
            auto add = [&](const std::vector<std::string_view>& settings, const auto& bands) {
                const Histogram days =
                    found == g.quarter_reports.end() ? Histogram() : InSettings(found->second, settings);
                const int64_t known = Within(days, 0, -1);
                const int64_t total = Within(days, -1, -1);
                for (const Band& band : bands) row.push_back(Percent(Within(days, band.low, band.high), known));
                row.push_back(PublishedCell::Count(total - known));
                row.push_back(PublishedCell::Count(total));
            };
            add(kAdmittedAndAe, admitted);
            add(kOutpatientGpAndOther, others);
        });
    } else if (name == "table12") {
        auto counts = InterventionalCounts(store, span);
        if (!counts) return core::Fail(counts.error());
        table.columns = MonthColumns(span, heading);
        AddRows(table, providers, InterventionalModalities(),
                [&](const std::string& who, const Breakdown& b, auto& row) {
                    for (int column = 0; column <= months; ++column) {
                        const auto it = counts->find({who, b[0], column});
                        row.push_back(PublishedCell::Count(it == counts->end() ? 0 : it->second));
                    }
                });
    } else {  // table11
        table.columns = heading;
        for (const Setting& s : kSettings) table.columns.emplace_back(s.label);
        table.columns.emplace_back("Total");
        AddRows(table, providers, ByModality(), [&](const std::string& who, const Breakdown& b, auto& row) {
            const std::string& modality = b[0];
            for (const Setting& s : kSettings) {
                const auto it = g.by_setting.find({who, modality, std::string(s.code)});
                row.push_back(PublishedCell::Count(it == g.by_setting.end() ? 0 : it->second));
            }
            const auto total = g.count.find({who, modality, months});
            row.push_back(PublishedCell::Count(total == g.count.end() ? 0 : total->second));
        });
    }
    auto data_issues = DataIssueNotesFor(store, span.first, span.last);
    if (!data_issues) return core::Fail(data_issues.error());
    table.notes = Notes(g, span, providers.size(), *data_issues, (*reference)->organisations);
    if (name == "table12") {
        table.notes.push_back(fmt::format(
            "Interventional procedures are the {} NICIP codes of the list kept with the collection "
            "(data/interventional_codes.csv): every interventional radiology code, and the image-guided biopsies, "
            "aspirations, drainages, catheter angiography, embolisation and ablation of the other modalities.",
            refdata::InterventionalCodes::Shipped().size()));
    }
    return table;
}

}  // namespace did::service
