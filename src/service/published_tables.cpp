#include "service/published_tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <tuple>

#include "refdata/cancer_test_groups.hpp"
#include "refdata/interventional_codes.hpp"
#include "refdata/kh12.hpp"
#include "refdata/nhs_region.hpp"
#include "refdata/published_modality.hpp"
#include "service/commissioner_tables.hpp"
#include "service/data_issue_notes.hpp"
#include "service/radiation_table.hpp"
#include "service/reference_data.hpp"
#include "service/statistics_figures.hpp"
#include "store/kh12_return_table.hpp"
#include "store/statistics_cube_table.hpp"

namespace did::service {
namespace {

using report::PublishedCell;

const std::array<std::string_view, 12> kMonthNames = {"January",   "February", "March",    "April",
                                                      "May",       "June",     "July",     "August",
                                                      "September", "October",  "November", "December"};

std::string MonthName(core::Period period) {
    return fmt::format("{} {}", kMonthNames[static_cast<size_t>(period.Month() - 1)], period.Year());
}

// A provider's row heading: region, code, name; and its place among the figures' providers.
struct ProviderRow {
    std::string region_code;
    std::string region;
    std::string code;
    std::string name;
    size_t who = 0;
};

std::vector<ProviderRow> ProviderRows(const StatisticsFigures& f, const refdata::OrganisationDirectory& organisations) {
    std::vector<ProviderRow> rows;
    for (size_t p = 0; p < f.providers.size(); ++p) {
        const std::string& provider = f.providers[p];
        ProviderRow row{"", "", provider, provider, p + 1};
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

// What a row breaks down by, after the provider: a modality, or a test group and a setting;
// its place is the row number of the figures.
using Breakdown = std::vector<std::string>;

std::vector<Breakdown> OneColumn(const auto& labels) {
    std::vector<Breakdown> out;
    out.reserve(labels.size());
    for (const std::string_view label : labels) out.push_back({std::string(label)});
    return out;
}

// ENGLAND's rows, then each provider's: one per breakdown, filled by
// `fill(who, breakdown's place, row)`.
template <class Fill>
void AddRows(report::PublishedTable& table, const std::vector<ProviderRow>& providers,
             const std::vector<Breakdown>& breakdowns, const Fill& fill) {
    auto add = [&](std::string_view region, std::string_view code, std::string_view name, size_t who) {
        for (size_t b = 0; b < breakdowns.size(); ++b) {
            std::vector<PublishedCell> row = {PublishedCell::Text(std::string(region)),
                                              PublishedCell::Text(std::string(code)),
                                              PublishedCell::Text(std::string(name))};
            for (const std::string& part : breakdowns[b]) row.push_back(PublishedCell::Text(part));
            fill(who, b, row);
            table.rows.push_back(std::move(row));
        }
    };
    add("-", "-", "ENGLAND", 0);
    for (const ProviderRow& p : providers) add(p.region, p.code, p.name, p.who);
}

std::vector<std::string> Notes(const StatisticsFigures& f, const StatisticsSpan& span,
                               const std::vector<store::DataIssueNoteRow>& data_issues,
                               const refdata::OrganisationDirectory& organisations) {
    const int months = MonthsBetween(span.first, span.last);
    size_t files = 0;
    std::vector<std::string> partial;
    for (size_t p = 0; p < f.providers.size(); ++p) {
        const auto present = static_cast<size_t>(std::count(f.months_of[p].begin(), f.months_of[p].end(), true));
        files += present;
        if (static_cast<int>(present) < months) {
            partial.push_back(fmt::format("{} ({} of {} months)", f.providers[p], present, months));
        }
    }
    std::vector<std::string> notes = {
        fmt::format("Period: {}. From the current file of each provider and month.", span.label),
        "Counts are rounded to the nearest 5. A count under 3, and a median or percentage based on fewer than 3 "
        "examinations, is shown as *. Zero is shown as 0. Percentages are computed from unrounded counts.",
        fmt::format("Coverage: {} providers sent data for the period, {} provider-months in all.", f.providers.size(),
                    files)};
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

// The bands of `who`, `part` and `modality` in `settings` (every setting when empty) summed.
DayBands InSettings(const StatisticsFigures& f, size_t who, size_t part, size_t modality,
                    const std::vector<size_t>& settings, bool request_to_test) {
    DayBands out;
    for (size_t s = 0; s <= kOtherSettings; ++s) {
        if (settings.empty() || std::find(settings.begin(), settings.end(), s) != settings.end()) {
            out.Add(f.Bands(who, part, modality, s, request_to_test));
        }
    }
    return out;
}

// A band of whole days, [low, high]; high -1 for no upper end.
struct Band {
    std::string_view label;
    int low;
    int high;
};

PublishedCell Percent(int64_t part, int64_t whole) {
    return PublishedCell::Percent(whole == 0 ? 0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole),
                                  whole);
}

// Table 10's and 13's two groups of source settings, as places in kSettings.
const std::vector<size_t> kAdmittedAndAe = {0, 1, 2};            // A&E, day case, inpatient
const std::vector<size_t> kOutpatientAndGp = {3, 4};             // outpatient, GP direct access
const std::vector<size_t> kOutpatientGpAndOther = {3, 4, 5, 6};  // and the others

// The KH12 replication: each provider's examinations in the KH12 categories over the span (the
// published modalities each takes, refdata/kh12.hpp), the months it has data for, and, for a
// financial year whose returns are loaded, the DID's count as a percentage of the return's.
core::Status FillKh12(store::Store& store, const StatisticsSpan& span, const StatisticsFigures& f,
                      const std::vector<ProviderRow>& providers, report::PublishedTable& table) {
    std::map<std::pair<std::string, std::string>, int64_t> returned;  // (provider, category); "" is England
    if (!span.financial_year.empty()) {
        auto rows = store::Kh12ReturnTable(store.db()).OfYear(span.financial_year);
        if (!rows) return core::Fail(rows.error());
        for (const store::Kh12ReturnRow& r : *rows) {
            returned[{r.provider, r.category}] += r.examinations;
            returned[{"", r.category}] += r.examinations;
        }
    }
    table.columns = {"Region", "Org Code", "Provider name"};
    table.heading_columns = table.columns.size();
    for (const std::string_view category : refdata::kKh12Categories) table.columns.emplace_back(category);
    table.columns.emplace_back("Total");
    table.columns.emplace_back("Months with data");
    if (!returned.empty()) {
        for (const std::string_view category : refdata::kKh12Categories) {
            table.columns.push_back(std::string(category) + ": of the KH12 return (%)");
        }
    }
    AddRows(table, providers, {{}}, [&](size_t who, size_t, auto& row) {
        std::array<int64_t, refdata::kKh12Categories.size()> counts{};
        for (size_t m = 0; m < refdata::kPublishedModalities.size(); ++m) {
            const std::string_view category = refdata::Kh12CategoryOf(refdata::kPublishedModalities[m]);
            if (category.empty()) continue;
            counts[static_cast<size_t>(
                std::find(refdata::kKh12Categories.begin(), refdata::kKh12Categories.end(), category) -
                refdata::kKh12Categories.begin())] += f.count[f.At(who, f.months, m)];
        }
        int64_t total = 0;
        for (const int64_t n : counts) {
            row.push_back(PublishedCell::Count(n));
            total += n;
        }
        row.push_back(PublishedCell::Count(total));
        const std::vector<bool>* months = who == 0 ? nullptr : &f.months_of[who - 1];
        int64_t with_data = 0;
        if (months != nullptr) {
            with_data = std::count(months->begin(), months->end(), true);
        } else {
            for (const auto& m : f.months_of) with_data += std::count(m.begin(), m.end(), true);
        }
        row.push_back(PublishedCell::Text(std::to_string(with_data)));
        if (returned.empty()) return;
        const std::string provider = who == 0 ? "" : f.providers[who - 1];
        for (size_t c = 0; c < counts.size(); ++c) {
            const auto kh12 = returned.find({provider, std::string(refdata::kKh12Categories[c])});
            if (kh12 == returned.end() || kh12->second == 0) {
                row.push_back(PublishedCell::Text(""));
            } else {
                row.push_back(PublishedCell::Percent(
                    100.0 * static_cast<double>(counts[c]) / static_cast<double>(kh12->second), kh12->second));
            }
        }
    });
    table.notes.push_back(
        "KH12 categories: X-ray is plain radiography; Radio-isotopes are nuclear medicine, PET and SPECT; Ultrasound, "
        "CT, MRI and Fluoroscopy as they are; medical photography is not in the return. Months with data: of the "
        "period's, for a provider; provider-months in all, for England.");
    table.notes.push_back(
        returned.empty()
            ? (span.financial_year.empty()
                   ? std::string(
                         "The KH12 return is annual: ask for a financial year (--year) to hold this against it.")
                   : "No KH12 return is loaded for " + span.financial_year + " (did refdata import-kh12).")
            : "Of the KH12 return (%): the DID's examinations as a percentage of those the provider's KH12 return gave "
              "for "
              "the category; empty where it gave none. England: of every return loaded for the year.");
    return {};
}

FiguresWanted WantedFor(std::string_view name) {
    if (name == "table2" || name == "table3") return {RowsBy::kModality, name == "table2", true, false, false};
    if (name == "table4") return {RowsBy::kCancerTestGroup, true, false, false, false};
    if (name == "table5" || name == "table6") return {RowsBy::kCancerTestGroup, name == "table5", true, false, false};
    if (name == "table9" || name == "table10" || name == "table11")
        return {RowsBy::kModality, true, false, true, false};
    if (name == "table12") return {RowsBy::kInterventional, true, false, false, false};
    if (name == "table13") return {RowsBy::kModality, true, false, false, true};
    if (name == "table7a" || name == "table7b") return {RowsBy::kModality, true, false, false, false, true};
    if (name == "table8") return {RowsBy::kCancerTestGroup, true, false, false, false, true};
    if (name == "radiation") return {RowsBy::kModality, true, false, false, false, false, true};
    return {};  // table1
}

}  // namespace

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
                        *core::Period::Parse(fmt::format("{}-03", start + 1)), "", "Year", std::string(year)};
    span.label = fmt::format("financial year {} ({} to {})", year, MonthName(span.first), MonthName(span.last));
    return span;
}

StatisticsSpan ThirteenMonthsTo(core::Period last) {
    core::Period first = last;
    for (int i = 0; i < 12; ++i) first = first.Previous();
    return {first, last, fmt::format("the 13 months {} to {}", MonthName(first), MonthName(last)), "13 months", ""};
}

const std::vector<PublishedTableSpec>& PublishedTables() {
    static const std::vector<PublishedTableSpec> tables = {
        {"table1", "Table 1: Imaging activity, by modality"},
        {"table2", "Table 2: Median days from request to test, by modality"},
        {"table3", "Table 3: Median days from test to report, by modality"},
        {"table4", "Table 4: Tests suitable for diagnosing cancer, by test and source setting"},
        {"table5", "Table 5: Median days from request to test, tests suitable for diagnosing cancer"},
        {"table6", "Table 6: Median days from test to report, tests suitable for diagnosing cancer"},
        {"table7a", "Table 7a: Days from request to test in bands, by commissioner and modality"},
        {"table7b", "Table 7b: Days from test to report in bands, by commissioner and modality"},
        {"table8",
         "Table 8: Days from request to test in bands, by commissioner, for three tests suitable for diagnosing "
         "cancer"},
        {"table9", "Table 9: Days from request to test in bands, by modality and patient source setting (England)"},
        {"table10",
         "Table 10: Reports issued the same day and by the next day, by modality and patient source setting"},
        {"table11", "Table 11: Imaging activity, by modality and patient source setting"},
        {"table12", "Table 12: Interventional procedures, by modality"},
        {"table13", "Table 13: Report turnaround by quarter, by modality and patient source setting"},
        {"kh12", "KH12: Imaging activity in the categories of the old KH12 return, rebuilt from the DID"},
        {"radiation", "Radiation: frequency and collective effective dose of imaging examinations (England)"},
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
    auto gathered = GatherFigures(store, span.first, span.last, WantedFor(name));
    if (!gathered) return core::Fail(gathered.error());
    auto reference = LoadReferenceData(store);
    if (!reference) return core::Fail(reference.error());
    const StatisticsFigures& f = *gathered;
    const auto providers = ProviderRows(f, (*reference)->organisations);
    const int months = f.months;
    auto counts = [&](size_t who, size_t row, auto& cells) {
        for (int column = 0; column <= months; ++column)
            cells.push_back(PublishedCell::Count(f.count[f.At(who, column, row)]));
    };
    auto medians = [&](size_t who, size_t row, auto& cells) {
        for (int column = 0; column <= months; ++column) {
            const size_t at = f.At(who, column, row);
            cells.push_back(PublishedCell::Median(f.median[at], f.median_base[at]));
        }
    };

    report::PublishedTable table;
    table.name = std::string(spec->name);
    table.title = std::string(spec->title);
    table.span = span.label;
    const std::vector<std::string> heading = {"Region", "Org Code", "Provider name", "Modality"};
    if (IsCommissionerTable(name)) {
        if (auto filled = FillCommissionerTable(store, name, f.by_commissioner, (*reference)->organisations, table);
            !filled) {
            return core::Fail(filled.error());
        }
    } else if (name == "table1" || name == "table2" || name == "table3") {
        table.columns = MonthColumns(span, heading);
        AddRows(table, providers, OneColumn(refdata::kPublishedModalities), [&](size_t who, size_t row, auto& cells) {
            name == "table1" ? counts(who, row, cells) : medians(who, row, cells);
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
        AddRows(table, providers, breakdowns, [&](size_t who, size_t row, auto& cells) {
            name == "table4" ? counts(who, row, cells) : medians(who, row, cells);
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
        std::vector<std::pair<std::string, std::vector<size_t>>> settings;
        settings.reserve(kSettings.size() + 1);
        for (size_t s = 0; s < kSettings.size(); ++s) settings.push_back({std::string(kSettings[s].label), {s}});
        settings.push_back({"All settings", {}});
        for (size_t modality = 0; modality < refdata::kPublishedModalities.size(); ++modality) {
            for (const auto& [label, places] : settings) {
                std::vector<PublishedCell> row = {
                    PublishedCell::Text("-"), PublishedCell::Text("-"), PublishedCell::Text("ENGLAND"),
                    PublishedCell::Text(std::string(refdata::kPublishedModalities[modality])),
                    PublishedCell::Text(label)};
                const DayBands days = InSettings(f, 0, 0, modality, places, true);
                const int64_t known = days.Known();
                for (const Band& b : kBands) row.push_back(PublishedCell::Count(days.Within(b.low, b.high)));
                row.push_back(PublishedCell::Count(known));
                for (const Band& b : kBands) row.push_back(Percent(days.Within(b.low, b.high), known));
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
        AddRows(table, providers, OneColumn(refdata::kPublishedModalities),
                [&](size_t who, size_t modality, auto& row) {
                    for (const auto* settings : {&kAdmittedAndAe, &kOutpatientAndGp}) {
                        const DayBands days = InSettings(f, who, 0, modality, *settings, false);
                        const int64_t known = days.Known();
                        row.push_back(Percent(days.Within(0, 0), known));
                        row.push_back(Percent(days.Within(0, 1), known));
                        row.push_back(PublishedCell::Count(known));
                        row.push_back(PublishedCell::Count(days.NotKnown()));
                        row.push_back(PublishedCell::Count(days.Total()));
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
        breakdowns.reserve(f.quarters.size() * refdata::kPublishedModalities.size());
        for (const std::string& quarter : f.quarters) {
            for (const std::string_view modality : refdata::kPublishedModalities) {
                breakdowns.push_back({quarter, std::string(modality)});
            }
        }
        AddRows(table, providers, breakdowns, [&](size_t who, size_t b, auto& row) {
            const size_t part = b / refdata::kPublishedModalities.size() + 1;
            const size_t modality = b % refdata::kPublishedModalities.size();
            auto add = [&](const std::vector<size_t>& settings, const auto& bands) {
                const DayBands days = InSettings(f, who, part, modality, settings, false);
                for (const Band& band : bands) row.push_back(Percent(days.Within(band.low, band.high), days.Known()));
                row.push_back(PublishedCell::Count(days.NotKnown()));
                row.push_back(PublishedCell::Count(days.Total()));
            };
            add(kAdmittedAndAe, admitted);
            add(kOutpatientGpAndOther, others);
        });
    } else if (name == "table12") {
        table.columns = MonthColumns(span, heading);
        AddRows(table, providers, OneColumn(InterventionalRows()), counts);
    } else if (name == "radiation") {
        if (auto filled = FillRadiationTable(store, f.by_age_and_sex, table); !filled) {
            return core::Fail(filled.error());
        }
    } else if (name == "kh12") {
        if (auto filled = FillKh12(store, span, f, providers, table); !filled) return core::Fail(filled.error());
    } else {  // table11
        table.columns = heading;
        for (const Setting& s : kSettings) table.columns.emplace_back(s.label);
        table.columns.emplace_back("Total");
        AddRows(table, providers, OneColumn(refdata::kPublishedModalities),
                [&](size_t who, size_t modality, auto& row) {
                    for (size_t s = 0; s < kSettings.size(); ++s) {
                        row.push_back(PublishedCell::Count(f.Bands(who, 0, modality, s, true).Total()));
                    }
                    row.push_back(PublishedCell::Count(InSettings(f, who, 0, modality, {}, true).Total()));
                });
    }
    auto data_issues = DataIssueNotesFor(store, span.first, span.last);
    if (!data_issues) return core::Fail(data_issues.error());
    auto notes = Notes(f, span, *data_issues, (*reference)->organisations);
    table.notes.insert(table.notes.begin(), notes.begin(), notes.end());
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
