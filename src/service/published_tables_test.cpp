// The published tables against a second computation straight from the records table, on both
// backends: every cell agrees before rounding. And the statistics cube of files stored before
// it existed is counted by the rebuild into exactly what a new submission counts.

#include "service/published_tables.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include "refdata/cancer_test_groups.hpp"
#include "refdata/dose_table.hpp"
#include "refdata/interventional_codes.hpp"
#include "refdata/published_modality.hpp"
#include "service/data_issue_notes.hpp"
#include "service/kh12_returns.hpp"
#include "service/reference_data.hpp"
#include "service/statistics_cube.hpp"
#include "service/submission.hpp"
#include "store/test_databases.hpp"
#include "store/test_store.hpp"
#include "synth/extract_generator.hpp"
#include "synth/reference_samples.hpp"

namespace did::service {
namespace {

using store::Backend;

TEST(PublishedTablesTest, FinancialYearsRunAprilToMarch) {
    const auto year = FinancialYear("2025-26");
    ASSERT_TRUE(year) << year.error().message;
    EXPECT_EQ(year->first.ToString(), "2025-04");
    EXPECT_EQ(year->last.ToString(), "2026-03");
    EXPECT_EQ(year->total_column, "Year");
    EXPECT_EQ(year->label, "financial year 2025-26 (April 2025 to March 2026)");
    for (const char* bad : {"2025-27", "2025", "25-26", "2025/26", "abcd-ef"}) {
        EXPECT_FALSE(FinancialYear(bad)) << bad;
    }
    const auto thirteen = ThirteenMonthsTo(*core::Period::Parse("2026-10"));
    EXPECT_EQ(thirteen.first.ToString(), "2025-10");
    EXPECT_EQ(thirteen.total_column, "13 months");
}

const std::vector<std::string> kPeriods = {"2026-08", "2026-09", "2026-10"};

class PublishedTablesStoreTest : public ::testing::TestWithParam<Backend>, protected store::TestStore {
  protected:
    void SetUp() override {
        OpenTestStore(GetParam());
        if (!store_) return;
        dir_ = std::filesystem::temp_directory_path() /
               ("did_tables_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
        std::filesystem::create_directories(dir_);
        ASSERT_TRUE(synth::WriteReferenceSamples(dir_.string()));
        GiveCommissionersVariety();
        for (auto [file, kind] :
             {std::pair{"epraccur.csv", refdata::OrgKind::kGpPractice}, std::pair{"etr.csv", refdata::OrgKind::kTrust},
              std::pair{"ets.csv", refdata::OrgKind::kSite}, std::pair{"ephp.csv", refdata::OrgKind::kIndependent}}) {
            ASSERT_TRUE(ImportOds(*store_, admin_, (dir_ / file).string(), kind));
        }
        ASSERT_TRUE(ImportPostcodes(*store_, admin_, (dir_ / "onspd.csv").string()));
        ASSERT_TRUE(ImportIcbNames(*store_, admin_, (dir_ / "icb.csv").string()));
        // Two providers, three months, one month missing for one of them, one file replaced.
        uint64_t seed = 10;
        for (const std::string provider : {"RXX", "RYJ"}) {
            for (const std::string& period : kPeriods) {
                if (provider == "RYJ" && period == "2026-09") continue;
                ++seed;
                SubmitFile(provider, period, 600 + seed * 7, seed);
            }
        }
        SubmitFile("RXX", "2026-10", 500, 99);  // the current file for RXX in October
    }

    // Commissioners of every kind: the samples give every practice the ICB QWO and every postcode
    // an E54 code. Here a third of the practices have their own ICB and a third none (their
    // patients' postcodes decide), one postcode in five has no ICB (so that No ICB occurs), and
    // the names file names some ICBs (E54000001 is QWO's, so that practices and postcodes meet
    // in one row) and leaves the others to be shown by their E54 code.
    void GiveCommissionersVariety() {
        auto rewrite = [&](const std::string& file, const auto& change) {
            std::ifstream in(dir_ / file);
            std::string text;
            size_t n = 0;
            for (std::string line; std::getline(in, line); ++n) text += change(line, n) + "\n";
            std::ofstream(dir_ / file, std::ios::binary) << text;
        };
        rewrite("epraccur.csv", [](std::string line, size_t n) {
            const size_t at = line.find(",\"QWO\",");
            if (at != std::string::npos && n % 3 != 0) line.replace(at, 7, n % 3 == 1 ? ",\"QHM\"," : ",\"\",");
            if (at != std::string::npos && n == 4) line.replace(at, 7, ",\"7A1\",");  // a Welsh health board
            return line;
        });
        rewrite("onspd.csv", [](std::string line, size_t n) {
            if (n > 0 && n % 5 == 0) line = line.substr(0, line.rfind(',') + 1);
            return line;
        });
        std::ofstream(dir_ / "icb.csv", std::ios::binary)
            << "ICB23CD,ICB23CDH,ICB23NM,ObjectId\n"
               "E54000001,QWO,NHS West Yorkshire Integrated Care Board,1\n"
               "E54000002,QHM,NHS North East and North Cumbria Integrated Care Board,2\n"
               "E54000003,QOQ,NHS Humber and North Yorkshire Integrated Care Board,3\n";
    }

    void TearDown() override {
        store_.reset();
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    void SubmitFile(const std::string& provider, const std::string& month, uint64_t rows, uint64_t seed) {
        const core::Period period = *core::Period::Parse(month);
        const core::Date received = core::Date::FromValidYmd(period.Next().Year(), period.Next().Month(), 5);
        synth::GeneratorOptions options;
        options.rows = rows;
        options.seed = seed;
        options.period = period;
        options.submitted = received;
        options.provider = provider;
        options.error_rate = 0.05;
        std::string text;
        ASSERT_TRUE(synth::GenerateExtract(options, refdata::NicipCatalogue::Shipped(), [&](std::string_view t) {
            text.append(t);
            return core::Status();
        }));
        // Some dates left out, as a RIS sends them: a wait from the received date, and waits not known.
        std::string sent;
        size_t line_number = 0;
        for (size_t at = 0; at < text.size();) {
            const size_t eol = text.find('\n', at);
            std::string line = text.substr(at, eol - at);
            at = eol == std::string::npos ? text.size() : eol + 1;
            if (line_number++ > 0) {
                std::vector<std::string> fields;
                for (size_t from = 0;;) {
                    const size_t comma = line.find(',', from);
                    fields.push_back(line.substr(from, comma - from));
                    if (comma == std::string::npos) break;
                    from = comma + 1;
                }
                if (fields.size() == 18) {
                    if (line_number % 7 == 0) fields[10].clear();  // request date
                    if (line_number % 11 == 0) {                   // and the received date too
                        fields[10].clear();
                        fields[11].clear();
                    }
                    if (line_number % 5 == 0) fields[15].clear();  // report issue date
                    line.clear();
                    for (size_t i = 0; i < fields.size(); ++i) line += (i > 0 ? "," : "") + fields[i];
                }
            }
            sent += line + "\n";
        }
        const std::string path = (dir_ / (provider + month + std::to_string(seed) + ".csv")).string();
        std::ofstream(path, std::ios::binary) << sent;
        SubmitRequest request;
        request.provider = provider;
        request.period = period;
        request.path = path;
        request.file_name = "extract.csv";
        request.received_on = received;
        request.actor = {"submitter", "test", Role::kCentralAdministrator};
        request.spool_directory = dir_.string();
        auto outcome = Submit(*store_, refdata::NicipCatalogue::Shipped(), request);
        ASSERT_TRUE(outcome) << outcome.error().message;
        ASSERT_EQ(outcome->result, SubmitResult::kStored) << outcome->message;
    }

    // The second way: the current files' records, read with plain SQL, each examination's
    // modality and waits worked out here, counted and their medians taken by sorting.
    struct Expected {
        std::map<std::tuple<std::string, std::string, std::string>, int64_t> count;  // provider, modality, month
        std::map<std::tuple<std::string, std::string, std::string, bool>, std::vector<int64_t>> waits;
        // Over the period, by source setting: (provider, modality, setting, measure) → days, -1 not known.
        std::map<std::tuple<std::string, std::string, std::string, bool>, std::vector<int64_t>> by_setting;
        // Test to report by quarter: (provider, modality, quarter, settings group) → days, -1 not known.
        std::map<std::tuple<std::string, std::string, std::string, int>, std::vector<int64_t>> quarters;
        // Cancer test groups: (provider, group, GP direct access, month, measure) → days, -1 not known.
        std::map<std::tuple<std::string, std::string, bool, std::string, bool>, std::vector<int64_t>> groups;
    };
    Expected FromRecords() {
        Expected e;
        const auto& catalogue = refdata::NicipCatalogue::Shipped();
        auto date = [](const std::string& text) {
            return core::OptionalDate::FromPacked(core::Date::ParsePacked(text));
        };
        auto status = store_->db().Query(
            "SELECT s.provider, s.period, r.nicip_code, r.snomed_code, r.request_date, r.request_received_date, "
            "r.test_date, r.report_issue_date, r.source_setting FROM records r JOIN submissions s ON s.id = "
            "r.submission_id "
            "WHERE s.status = 'current' AND r.excluded = 0",
            {}, [&](const store::SqlRow& r) {
                const refdata::NicipEntry* exam = catalogue.FindNicip(r.Text(2));
                if (exam == nullptr) {
                    if (const auto snomed = refdata::ParseSnomedId(r.Text(3))) exam = catalogue.FindBySnomed(*snomed);
                }
                if (exam == nullptr) return true;
                const std::string modality(refdata::PublishedModalities::Shipped().Of(exam->code, exam->modality));
                const auto request = date(r.Text(4)) ? date(r.Text(4)) : date(r.Text(5));
                const auto test = date(r.Text(6));
                const auto report = date(r.Text(7));
                const int64_t to_test =
                    request && test && !(*test < *request) ? test->DaysSinceEpoch() - request->DaysSinceEpoch() : -1;
                const int64_t to_report =
                    test && report && !(*report < *test) ? report->DaysSinceEpoch() - test->DaysSinceEpoch() : -1;
                const std::string group(refdata::CancerTestGroups::Shipped().Of(exam->code));
                // The financial quarter, worked out by a table rather than arithmetic.
                static const std::map<std::string, std::string> kQuarter = {
                    {"2026-08", "2026-27 Q2"}, {"2026-09", "2026-27 Q2"}, {"2026-10", "2026-27 Q3"}};
                const std::string& setting = r.Text(8);
                const int settings_group = setting == "05" || setting == "01" || setting == "02" ? 0
                                           : setting == "03" || setting == "04" || setting == "06" || setting == "07"
                                               ? 1
                                               : -1;
                if (settings_group >= 0) {
                    for (const std::string& who : {r.Text(0), std::string("ENGLAND")}) {
                        e.quarters[{who, modality, kQuarter.at(r.Text(1)), settings_group}].push_back(to_report);
                    }
                }
                for (const std::string& who : {r.Text(0), std::string("ENGLAND")}) {
                    for (const std::string& month : {r.Text(1), std::string("all")}) {
                        for (const bool gp_direct : {false, true}) {
                            if (group.empty() || (gp_direct && r.Text(8) != "04")) continue;
                            e.groups[{who, group, gp_direct, month, true}].push_back(to_test);
                            e.groups[{who, group, gp_direct, month, false}].push_back(to_report);
                        }
                    }
                    e.by_setting[{who, modality, r.Text(8), true}].push_back(to_test);
                    e.by_setting[{who, modality, r.Text(8), false}].push_back(to_report);
                }
                for (const std::string& who : {r.Text(0), std::string("ENGLAND")}) {
                    for (const std::string& month : {r.Text(1), std::string("all")}) {
                        ++e.count[{who, modality, month}];
                        if (to_test >= 0) e.waits[{who, modality, month, true}].push_back(to_test);
                        if (to_report >= 0) e.waits[{who, modality, month, false}].push_back(to_report);
                    }
                }
                return true;
            });
        EXPECT_TRUE(status) << status.error().message;
        return e;
    }

    static double Median(std::vector<int64_t> values) {
        std::sort(values.begin(), values.end());
        const size_t n = values.size();
        return (static_cast<double>(values[(n - 1) / 2]) + static_cast<double>(values[n / 2])) / 2;
    }

    report::PublishedTable Table(const std::string& name) {
        auto table = BuildPublishedTable(*store_, name, ThirteenMonthsTo(*core::Period::Parse("2026-10")));
        EXPECT_TRUE(table) << table.error().message;
        return table ? std::move(*table) : report::PublishedTable{};
    }

    inline static int counter_ = 0;
    Actor admin_{"admin", "test"};
    std::filesystem::path dir_;
};

// Month of a table column: "2025-10" … "2026-10", then the 13 months ("all").
std::string MonthOf(const report::PublishedTable& table, size_t column) {
    return column + 1 == table.columns.size() ? "all" : table.columns[column];
}

TEST_P(PublishedTablesStoreTest, CountsAndMediansAgreeCellByCellWithTheRecords) {
    const Expected expected = FromRecords();
    ASSERT_FALSE(expected.count.empty());
    const auto counts = Table("table1");
    ASSERT_EQ(counts.columns.size(), 4u + 13 + 1);
    EXPECT_EQ(counts.columns[0], "Region");
    EXPECT_EQ(counts.columns[2], "Provider name");
    EXPECT_EQ(counts.columns.back(), "13 months");
    // ENGLAND's nine rows first, then RXX's and RYJ's.
    ASSERT_EQ(counts.rows.size(), 9u * 3);
    EXPECT_EQ(counts.rows[0][2].text, "ENGLAND");
    EXPECT_EQ(counts.rows[0][0].text, "-");
    std::set<std::string> providers;
    size_t nonzero = 0;
    for (const auto& row : counts.rows) {
        const std::string who = row[2].text == "ENGLAND" ? "ENGLAND" : row[1].text;
        providers.insert(who);
        for (size_t c = 4; c < row.size(); ++c) {
            const auto it = expected.count.find({who, row[3].text, MonthOf(counts, c)});
            const int64_t want = it == expected.count.end() ? 0 : it->second;
            EXPECT_EQ(static_cast<int64_t>(row[c].value), want)
                << who << " " << row[3].text << " " << MonthOf(counts, c);
            nonzero += want > 0 ? 1 : 0;
        }
    }
    EXPECT_EQ(providers, (std::set<std::string>{"ENGLAND", "RXX", "RYJ"}));
    EXPECT_GT(nonzero, 20u);
    for (const auto& [name, request_to_test] : {std::pair{"table2", true}, std::pair{"table3", false}}) {
        const auto medians = Table(name);
        size_t checked = 0;
        for (const auto& row : medians.rows) {
            const std::string who = row[2].text == "ENGLAND" ? "ENGLAND" : row[1].text;
            for (size_t c = 4; c < row.size(); ++c) {
                const auto it = expected.waits.find({who, row[3].text, MonthOf(medians, c), request_to_test});
                if (it == expected.waits.end()) {
                    EXPECT_EQ(row[c].base, 0) << name << " " << who << " " << row[3].text;
                    continue;
                }
                EXPECT_EQ(row[c].base, static_cast<int64_t>(it->second.size())) << name << " " << who;
                EXPECT_EQ(row[c].value, Median(it->second))
                    << name << " " << who << " " << row[3].text << " " << MonthOf(medians, c);
                ++checked;
            }
        }
        EXPECT_GT(checked, 20u) << name;
    }
    // Table 11: the settings add up to the total, and the total is table 1's.
    const auto settings = Table("table11");
    ASSERT_EQ(settings.rows.size(), counts.rows.size());
    for (size_t r = 0; r < settings.rows.size(); ++r) {
        const auto& row = settings.rows[r];
        double sum = 0;
        for (size_t c = 4; c + 1 < row.size(); ++c) sum += row[c].value;
        EXPECT_LE(sum, row.back().value);
        EXPECT_EQ(row.back().value, counts.rows[r].back().value);
    }
    // Coverage: RYJ sent nothing for September.
    const std::string notes = [&] {
        std::string all;
        for (const auto& n : counts.notes) all += n + "\n";
        return all;
    }();
    EXPECT_NE(notes.find("Coverage: 2 providers"), std::string::npos) << notes;
    EXPECT_NE(notes.find("RYJ (2 of 13 months)"), std::string::npos) << notes;

    // Tables 4-6: the cancer test groups, all settings and GP direct access.
    size_t group_cells = 0;
    for (const auto& [name, measure] :
         {std::pair{"table4", true}, std::pair{"table5", true}, std::pair{"table6", false}}) {
        const auto groups = Table(name);
        ASSERT_EQ(groups.rows.size(), 10u * 3) << name;  // five tests × two settings, for ENGLAND, RXX and RYJ
        for (const auto& row : groups.rows) {
            const std::string who = row[2].text == "ENGLAND" ? "ENGLAND" : row[1].text;
            for (size_t c = 5; c < row.size(); ++c) {
                const auto it = expected.groups.find(
                    {who, row[3].text, row[4].text != "All", c + 1 == row.size() ? "all" : groups.columns[c], measure});
                std::vector<int64_t> days = it == expected.groups.end() ? std::vector<int64_t>{} : it->second;
                if (std::string(name) == "table4") {
                    EXPECT_EQ(static_cast<int64_t>(row[c].value), static_cast<int64_t>(days.size()))
                        << who << " " << row[3].text << " " << row[4].text << " " << groups.columns[c];
                    if (!days.empty()) ++group_cells;
                    continue;
                }
                std::erase(days, -1);
                EXPECT_EQ(row[c].base, static_cast<int64_t>(days.size())) << name << " " << who << " " << row[3].text;
                if (!days.empty()) {
                    EXPECT_EQ(row[c].value, Median(days)) << name << " " << who << " " << row[3].text;
                }
            }
        }
    }
    EXPECT_GT(group_cells, 10u);

    // Table 9: England's request-to-test bands by setting, as counted from the records.
    auto in = [&](const std::string& who, const std::string& modality, const std::vector<std::string>& wanted_settings,
                  bool request_to_test) {
        std::vector<int64_t> days;
        for (const auto& [key, values] : expected.by_setting) {
            const auto& [k_who, k_modality, k_setting, k_measure] = key;
            const bool wanted = wanted_settings.empty() || std::find(wanted_settings.begin(), wanted_settings.end(),
                                                                     k_setting) != wanted_settings.end();
            if (k_who == who && k_modality == modality && k_measure == request_to_test && wanted) {
                days.insert(days.end(), values.begin(), values.end());
            }
        }
        return days;
    };
    auto between = [](const std::vector<int64_t>& days, int64_t low, int64_t high) {
        return std::count_if(days.begin(), days.end(), [&](int64_t d) { return d >= low && (high < 0 || d <= high); });
    };
    const auto bands = Table("table9");
    ASSERT_EQ(bands.rows.size(), 9u * 8);
    const std::map<std::string, std::string> setting_code = {
        {"A&E", "05"},        {"Day case", "02"},         {"Inpatient", "01"},
        {"Outpatient", "03"}, {"GP direct access", "04"}, {"Other health care provider", "06"},
        {"Other", "07"}};
    size_t nonzero_bands = 0;
    for (const auto& row : bands.rows) {
        const auto code = setting_code.find(row[4].text);
        const auto days = in("ENGLAND", row[3].text,
                             code == setting_code.end() ? std::vector<std::string>{} : std::vector{code->second}, true);
        const std::array<std::pair<int64_t, int64_t>, 4> limits = {{{0, 7}, {8, 31}, {32, 62}, {63, -1}}};
        for (size_t b = 0; b < limits.size(); ++b) {
            EXPECT_EQ(static_cast<int64_t>(row[5 + b].value), between(days, limits[b].first, limits[b].second))
                << row[3].text << " " << row[4].text << " band " << b;
        }
        const int64_t known = between(days, 0, -1);
        EXPECT_EQ(static_cast<int64_t>(row[9].value), known);
        if (known > 0) {
            ++nonzero_bands;
            EXPECT_DOUBLE_EQ(row[10].value,
                             100.0 * static_cast<double>(between(days, 0, 7)) / static_cast<double>(known));
        }
    }
    EXPECT_GT(nonzero_bands, 20u);

    // Table 13: report turnaround by quarter, for the two groups of settings.
    const auto turnaround = Table("table13");
    ASSERT_EQ(turnaround.columns[3], "Quarter");
    // The 13 months to October 2026 run over five financial quarters, 2025-26 Q3 to 2026-27 Q3.
    ASSERT_EQ(turnaround.rows.size(), 3u * 5 * 9);
    EXPECT_EQ(turnaround.rows[0][3].text, "2025-26 Q3");
    EXPECT_EQ(turnaround.rows[9 * 4][3].text, "2026-27 Q3");
    size_t quarter_cells = 0;
    for (const auto& row : turnaround.rows) {
        const std::string who = row[2].text == "ENGLAND" ? "ENGLAND" : row[1].text;
        size_t c = 5;
        for (const int settings_group : {0, 1}) {
            const auto it = expected.quarters.find({who, row[4].text, row[3].text, settings_group});
            const std::vector<int64_t> days = it == expected.quarters.end() ? std::vector<int64_t>{} : it->second;
            const int64_t known = between(days, 0, -1);
            const std::vector<std::pair<int64_t, int64_t>> limits =
                settings_group == 0 ? std::vector<std::pair<int64_t, int64_t>>{{0, 0}, {0, 1}, {29, -1}}
                                    : std::vector<std::pair<int64_t, int64_t>>{{0, 1}, {0, 7}, {0, 14}, {29, -1}};
            for (const auto& [low, high] : limits) {
                EXPECT_EQ(row[c].base, known) << who << " " << row[3].text << " " << row[4].text;
                if (known > 0) {
                    EXPECT_DOUBLE_EQ(row[c].value, 100.0 * static_cast<double>(between(days, low, high)) /
                                                       static_cast<double>(known));
                }
                ++c;
            }
            EXPECT_EQ(static_cast<int64_t>(row[c].value), static_cast<int64_t>(days.size()) - known);
            EXPECT_EQ(static_cast<int64_t>(row[c + 1].value), static_cast<int64_t>(days.size()));
            if (!days.empty()) ++quarter_cells;
            c += 2;
        }
    }
    EXPECT_GT(quarter_cells, 10u);

    // Table 10: reports the same day and by the next day, for each provider's two groups.
    const auto reports = Table("table10");
    ASSERT_EQ(reports.rows.size(), counts.rows.size());
    double not_known = 0;  // the blanked report dates are there
    for (const auto& row : reports.rows) not_known += row[7].value + row[12].value;
    EXPECT_GT(not_known, 0);
    for (const auto& row : reports.rows) {
        const std::string who = row[2].text == "ENGLAND" ? "ENGLAND" : row[1].text;
        size_t c = 4;
        for (const std::vector<std::string>& group :
             {std::vector<std::string>{"05", "01", "02"}, std::vector<std::string>{"03", "04"}}) {
            const auto days = in(who, row[3].text, group, false);
            const int64_t known = between(days, 0, -1);
            if (known > 0) {
                EXPECT_DOUBLE_EQ(row[c].value,
                                 100.0 * static_cast<double>(between(days, 0, 0)) / static_cast<double>(known));
                EXPECT_DOUBLE_EQ(row[c + 1].value,
                                 100.0 * static_cast<double>(between(days, 0, 1)) / static_cast<double>(known));
            }
            EXPECT_EQ(row[c].base, known);
            EXPECT_EQ(static_cast<int64_t>(row[c + 2].value), known) << who << " " << row[3].text;
            EXPECT_EQ(static_cast<int64_t>(row[c + 3].value), static_cast<int64_t>(days.size()) - known);
            EXPECT_EQ(static_cast<int64_t>(row[c + 4].value), static_cast<int64_t>(days.size()));
            c += 5;
        }
    }
}

TEST_P(PublishedTablesStoreTest, FilesStoredBeforeTheCubeAreCountedByTheRebuildAsASubmissionCountsThem) {
    auto every_table = [&] {
        std::string csv;
        for (const PublishedTableSpec& t : PublishedTables())
            csv += report::PublishedTableCsv(Table(std::string(t.name)));
        return csv;
    };
    const auto before = every_table();
    // As a database migrated from before the statistics cube: no file counted.
    ASSERT_TRUE(store_->db().Execute("DELETE FROM statistics_cube_files"));
    const auto refused = BuildPublishedTable(*store_, "table1", ThirteenMonthsTo(*core::Period::Parse("2026-10")));
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("run `did db migrate`"), std::string::npos) << refused.error().message;
    const auto counted = RebuildStatisticsCube(*store_, refdata::NicipCatalogue::Shipped());
    ASSERT_TRUE(counted) << counted.error().message;
    EXPECT_EQ(*counted, 6);  // five current files and the one RXX replaced
    EXPECT_EQ(*RebuildStatisticsCube(*store_, refdata::NicipCatalogue::Shipped()), 0);  // once only
    EXPECT_EQ(every_table(), before);
    // Counted again from scratch (after a list changes): the same, nothing counted twice.
    EXPECT_EQ(*RebuildStatisticsCube(*store_, refdata::NicipCatalogue::Shipped(), true), 6);
    EXPECT_EQ(every_table(), before);
}

TEST_P(PublishedTablesStoreTest, AnUnknownTableIsNamedWithTheOnesThereAre) {
    const auto missing = BuildPublishedTable(*store_, "table99", ThirteenMonthsTo(*core::Period::Parse("2026-10")));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message,
              "there is no table 'table99'; the tables are table1, table2, table3, table4, table5, table6, table7a, "
              "table7b, table8, table9, table10, table11, table12, table13, kh12, radiation");
}

TEST_P(PublishedTablesStoreTest, RadiationAgreesRowByRowWithTheRecords) {
    // The second way: each current record's code, age and sex read by plain SQL, its age worked
    // out here in whole years, its dose looked up in the shipped table.
    const auto& catalogue = refdata::NicipCatalogue::Shipped();
    const auto& doses = refdata::DoseTable::Shipped();
    auto date = [](const std::string& text) { return core::OptionalDate::FromPacked(core::Date::ParsePacked(text)); };
    struct Sum {
        int64_t examinations = 0;
        int64_t estimated = 0;
        double msv = 0;
    };
    std::map<std::pair<std::string, std::string>, Sum> expected;  // (breakdown, group)
    ASSERT_TRUE(store_->db().Query(
        "SELECT r.nicip_code, r.snomed_code, r.birth_date, r.test_date, r.gender FROM records r JOIN submissions s "
        "ON s.id = r.submission_id WHERE s.status = 'current' AND r.excluded = 0",
        {}, [&](const store::SqlRow& r) {
            const refdata::NicipEntry* exam = catalogue.FindNicip(r.Text(0));
            if (exam == nullptr) {
                if (const auto snomed = refdata::ParseSnomedId(r.Text(1))) exam = catalogue.FindBySnomed(*snomed);
            }
            const auto birth = date(r.Text(2));
            const auto test = date(r.Text(3));
            std::string age = "unknown";
            if (birth && test && !(*test < *birth)) {
                int years = test->Year() - birth->Year();
                if (std::make_pair(test->Month(), test->Day()) < std::make_pair(birth->Month(), birth->Day())) --years;
                age = years >= 85 ? "85+" : std::to_string(years / 5 * 5) + "-" + std::to_string(years / 5 * 5 + 4);
            }
            const std::string& g = r.Text(4);
            const std::string sex = g == "1" ? "Male" : g == "2" ? "Female" : g == "9" ? "Not specified" : "Not known";
            // A code the catalogue does not have is counted too, with no dose.
            const refdata::DoseEntry* dose = exam != nullptr ? doses.Find(exam->code) : nullptr;
            const std::string modality(exam != nullptr
                                           ? refdata::PublishedModalities::Shipped().Of(exam->code, exam->modality)
                                           : std::string_view("Not in the catalogue"));
            for (const auto& key : {std::pair<std::string, std::string>{"All examinations", "All"},
                                    {"Modality", modality},
                                    {"Age band", age},
                                    {"Sex", sex},
                                    {"Examination", dose != nullptr ? dose->examination : std::string()}}) {
                if (key.first == "Examination" && dose == nullptr) continue;
                Sum& s = expected[key];
                ++s.examinations;
                if (dose != nullptr) {
                    ++s.estimated;
                    s.msv += dose->effective_dose_msv;
                }
            }
            return true;
        }));
    const auto table = Table("radiation");
    ASSERT_EQ(table.columns[5], "Examinations");
    size_t with_dose = 0;
    for (const auto& row : table.rows) {
        const auto found = expected.find({row[3].text, row[4].text});
        const Sum s = found == expected.end() ? Sum{} : found->second;
        EXPECT_EQ(static_cast<int64_t>(row[5].value), s.examinations) << row[3].text << " " << row[4].text;
        EXPECT_EQ(static_cast<int64_t>(row[6].value), s.estimated) << row[3].text << " " << row[4].text;
        EXPECT_NEAR(row[9].value, s.msv / 1000, 1e-9) << row[3].text << " " << row[4].text;
        if (s.estimated > 0) {
            ++with_dose;
            EXPECT_NEAR(row[8].value, s.msv / static_cast<double>(s.estimated), 1e-9) << row[4].text;
            EXPECT_DOUBLE_EQ(row[7].value,
                             100.0 * static_cast<double>(s.estimated) / static_cast<double>(s.examinations));
        }
        if (found != expected.end()) expected.erase(found);
    }
    // Every group the records have is a row, and the dose table covers some of them.
    for (const auto& [key, s] : expected) ADD_FAILURE() << "no row for " << key.first << " " << key.second;
    EXPECT_GT(with_dose, 10u);
    EXPECT_EQ(table.rows[0][4].text, "All");
    EXPECT_GT(table.rows[0][7].value, 0);
    EXPECT_LT(table.rows[0][7].value, 100);  // ultrasound and MRI have no dose
}

TEST_P(PublishedTablesStoreTest, TheKh12ReturnIsRebuiltFromTheModalitiesAndHeldAgainstTheReturnsLoaded) {
    const auto activity = Table("table1");
    auto count_of = [&](const std::string& who, const std::string& modality) {
        for (const auto& row : activity.rows) {
            if (row[2].text == who && row[3].text == modality) return static_cast<int64_t>(row.back().value);
        }
        return int64_t{0};
    };
    auto check = [&](const report::PublishedTable& kh12, bool with_returns) {
        ASSERT_EQ(kh12.columns[3], "X-ray");
        ASSERT_EQ(kh12.columns.size(), 3u + 6 + 2 + (with_returns ? 6 : 0));
        ASSERT_EQ(kh12.rows.size(), 3u);  // ENGLAND, RXX, RYJ
        for (const auto& row : kh12.rows) {
            const std::string who = row[2].text == "ENGLAND" ? "ENGLAND" : row[2].text;
            const int64_t isotopes = count_of(who, "Nuclear Medicine Procedure") +
                                     count_of(who, "Positron Emission Tomography") +
                                     count_of(who, "Single Photon Emission Computerized Tomography");
            EXPECT_EQ(static_cast<int64_t>(row[3].value), count_of(who, "Plain Radiography")) << who;
            EXPECT_EQ(static_cast<int64_t>(row[4].value), isotopes) << who;
            EXPECT_EQ(static_cast<int64_t>(row[8].value), count_of(who, "Fluoroscopy")) << who;
            int64_t total = 0;
            for (size_t c = 3; c < 9; ++c) total += static_cast<int64_t>(row[c].value);
            EXPECT_EQ(static_cast<int64_t>(row[9].value), total) << who;
            EXPECT_GT(total, 0) << who;
        }
        // RYJ sent no file for September: two of the three months, five provider-months in all.
        EXPECT_EQ(kh12.rows[0][10].text, "5");
        EXPECT_EQ(kh12.rows[2][10].text, "2");
    };
    // The 13 months: no return to compare with.
    check(Table("kh12"), false);
    // A financial year whose return is loaded: the DID as a percentage of it, where it gave a figure.
    const auto year = FinancialYear("2026-27");
    ASSERT_TRUE(year);
    std::ofstream(dir_ / "kh12.csv") << "year,provider,category,examinations\n2026-27,RXX,X-ray,400\n"
                                        "2026-27,RYJ,X-ray,100\n2026-27,RXX,MRI,10\n2025-26,RXX,X-ray,1\n";
    ASSERT_TRUE(ImportKh12Returns(*store_, admin_, (dir_ / "kh12.csv").string()));
    const auto kh12 = BuildPublishedTable(*store_, "kh12", *year);
    ASSERT_TRUE(kh12) << kh12.error().message;
    check(*kh12, true);
    const auto& england = kh12->rows[0];
    const auto& rxx = kh12->rows[1];
    ASSERT_EQ(rxx[1].text, "RXX");
    const auto xray = [&](const std::string& who) { return static_cast<double>(count_of(who, "Plain Radiography")); };
    EXPECT_DOUBLE_EQ(rxx[11].value, 100.0 * xray(rxx[2].text) / 400);
    EXPECT_EQ(rxx[11].base, 400);
    EXPECT_DOUBLE_EQ(england[11].value, 100.0 * xray("ENGLAND") / 500);
    EXPECT_EQ(rxx[12].text, "");                                     // no radio-isotopes return
    EXPECT_EQ(rxx[15].kind, report::PublishedCell::Kind::kPercent);  // MRI
    EXPECT_EQ(kh12->columns[11], "X-ray: of the KH12 return (%)");
    // A bad file changes nothing.
    std::ofstream(dir_ / "bad.csv") << "year,provider,category,examinations\n2026-27,RXX,X-ray,5\n2026-27,RXX,PET,1\n";
    const auto refused = ImportKh12Returns(*store_, admin_, (dir_ / "bad.csv").string());
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("line 3: 'PET' is not a KH12 category"), std::string::npos);
    EXPECT_EQ((*BuildPublishedTable(*store_, "kh12", *year)).rows[1][11].base, 400);
}

TEST_P(PublishedTablesStoreTest, TablesByCommissionerAgreeCellByCellWithTheRecords) {
    // The second way: each current record's commissioner worked out here from the tables the
    // imports filled, by plain SQL: the practice's ICB, else the postcode's (under its ODS code
    // where the names file has it), else none.
    std::map<std::string, std::string> practice_icb;
    ASSERT_TRUE(store_->db().Query("SELECT code, icb FROM organisations WHERE kind = 'gp' AND icb LIKE 'Q%'", {},
                                   [&](const store::SqlRow& r) {
                                       practice_icb[r.Text(0)] = r.Text(1);
                                       return true;
                                   }));
    std::map<std::string, std::string> postcode_icb;
    ASSERT_TRUE(store_->db().Query(
        "SELECT p.postcode, COALESCE(i.ods_code, p.icb) FROM postcodes p LEFT JOIN icbs i ON i.code = p.icb "
        "WHERE p.icb LIKE 'E54%'",
        {}, [&](const store::SqlRow& r) {
            postcode_icb[r.Text(0)] = r.Text(1);
            return true;
        }));
    ASSERT_EQ(practice_icb.size(), 40u);  // of the 61 practices, two in three but the Welsh one
    const auto& catalogue = refdata::NicipCatalogue::Shipped();
    auto date = [](const std::string& text) { return core::OptionalDate::FromPacked(core::Date::ParsePacked(text)); };
    // (commissioner, row label, GP direct access, measure) → waits, -1 not known; "ENGLAND" for all.
    std::map<std::tuple<std::string, std::string, bool, bool>, std::vector<int64_t>> waits;
    std::map<std::string, int> how;  // how the commissioners were found: practice, postcode, none
    ASSERT_TRUE(store_->db().Query(
        "SELECT r.nicip_code, r.snomed_code, r.request_date, r.request_received_date, r.test_date, "
        "r.report_issue_date, r.source_setting, r.gp_practice, r.postcode FROM records r JOIN submissions s ON s.id = "
        "r.submission_id WHERE s.status = 'current' AND r.excluded = 0",
        {}, [&](const store::SqlRow& r) {
            const refdata::NicipEntry* exam = catalogue.FindNicip(r.Text(0));
            if (exam == nullptr) {
                if (const auto snomed = refdata::ParseSnomedId(r.Text(1))) exam = catalogue.FindBySnomed(*snomed);
            }
            if (exam == nullptr) return true;
            const auto request = date(r.Text(2)) ? date(r.Text(2)) : date(r.Text(3));
            const auto test = date(r.Text(4));
            const auto report = date(r.Text(5));
            const int64_t to_test =
                request && test && !(*test < *request) ? test->DaysSinceEpoch() - request->DaysSinceEpoch() : -1;
            const int64_t to_report =
                test && report && !(*report < *test) ? report->DaysSinceEpoch() - test->DaysSinceEpoch() : -1;
            std::string commissioner = "No ICB";
            if (const auto p = practice_icb.find(r.Text(7)); p != practice_icb.end()) {
                commissioner = p->second;
                ++how["practice"];
            } else if (const auto c = postcode_icb.find(r.Text(8)); c != postcode_icb.end()) {
                commissioner = c->second;
                ++how["postcode"];
            } else {
                ++how["none"];
            }
            const bool gp_direct = r.Text(6) == "04";
            const std::string modality(refdata::PublishedModalities::Shipped().Of(exam->code, exam->modality));
            const std::string group(refdata::CancerTestGroups::Shipped().Of(exam->code));
            for (const std::string& who : {commissioner, std::string("ENGLAND")}) {
                for (const std::string& label : {modality, group}) {
                    if (label.empty()) continue;
                    for (const bool gp : {false, true}) {
                        if (gp && !gp_direct) continue;
                        waits[{who, label, gp, true}].push_back(to_test);
                        waits[{who, label, gp, false}].push_back(to_report);
                    }
                }
            }
            return true;
        }));
    EXPECT_GT(how["practice"], 100);
    EXPECT_GT(how["postcode"], 100);
    EXPECT_GT(how["none"], 10);
    auto between = [](const std::vector<int64_t>& days, int64_t low, int64_t high) {
        return static_cast<int64_t>(
            std::count_if(days.begin(), days.end(), [&](int64_t d) { return d >= low && (high < 0 || d <= high); }));
    };
    const std::vector<std::pair<int64_t, int64_t>> request_bands = {{0, 7},   {8, 14},   {15, 31},   {32, 42}, {43, 62},
                                                                    {63, 93}, {94, 186}, {187, 365}, {366, -1}};
    const std::vector<std::pair<int64_t, int64_t>> report_bands = {{0, 0},   {1, 1},   {2, 2},  {3, 3},  {4, 4},
                                                                   {5, 5},   {6, 6},   {7, 7},  {8, 14}, {15, 31},
                                                                   {32, 42}, {43, 62}, {63, -1}};
    for (const std::string name : {"table7a", "table7b", "table8"}) {
        const auto table = Table(name);
        const bool by_test = name == "table8";
        const size_t first_band = by_test ? 5 : 4;
        const auto& bands = name == "table7b" ? report_bands : request_bands;
        ASSERT_EQ(table.columns.size(), first_band + bands.size() + (name == "table7b" ? 1 : 2)) << name;
        EXPECT_EQ(table.columns[1], "Commissioner code");
        EXPECT_EQ(table.rows[0][2].text, "ENGLAND");
        std::set<std::string> commissioners;
        int64_t cells = 0;
        for (const auto& row : table.rows) {
            // The row's commissioner as the second way names it: its code, or No ICB.
            const std::string who = row[2].text == "ENGLAND"  ? "ENGLAND"
                                    : row[2].text == "No ICB" ? "No ICB"
                                                              : row[1].text;
            commissioners.insert(who);
            const bool gp = by_test && row[4].text == "GP Direct Access";
            const auto found = waits.find({who, row[3].text, gp, name != "table7b"});
            const std::vector<int64_t> days = found == waits.end() ? std::vector<int64_t>{} : found->second;
            for (size_t b = 0; b < bands.size(); ++b) {
                EXPECT_EQ(static_cast<int64_t>(row[first_band + b].value),
                          between(days, bands[b].first, bands[b].second))
                    << name << " " << who << " " << row[3].text << " band " << b;
                cells += static_cast<int64_t>(row[first_band + b].value);
            }
            EXPECT_EQ(static_cast<int64_t>(row[first_band + bands.size()].value),
                      static_cast<int64_t>(std::count(days.begin(), days.end(), -1)))
                << name << " " << who << " not known";
            if (name != "table7b") {
                EXPECT_EQ(static_cast<int64_t>(row.back().value), static_cast<int64_t>(days.size()))
                    << name << " " << who;
            }
        }
        EXPECT_GT(cells, 100) << name;
        // Every commissioner the records have is a row: practices' ICBs, postcodes' named and
        // unnamed ones, and No ICB.
        for (const auto& [key, days] : waits) EXPECT_TRUE(commissioners.count(std::get<0>(key))) << std::get<0>(key);
        EXPECT_TRUE(commissioners.count("QWO") && commissioners.count("QHM") && commissioners.count("No ICB")) << name;
        EXPECT_TRUE(std::any_of(commissioners.begin(), commissioners.end(), [](const std::string& c) {
            return c.starts_with("E54");
        })) << name;
    }
    // Named from the ICB names file; an ICB it does not name is shown by its E54 code.
    const auto table = Table("table7a");
    const auto qwo =
        std::find_if(table.rows.begin(), table.rows.end(), [](const auto& r) { return r[1].text == "QWO"; });
    ASSERT_NE(qwo, table.rows.end());
    EXPECT_EQ((*qwo)[2].text, "NHS West Yorkshire Integrated Care Board");
    EXPECT_EQ((*qwo)[0].text, "North East and Yorkshire");
    auto lacking = [&] {
        std::string notes;
        for (const std::string& note : Table("table7a").notes) notes += note + "\n";
        return notes;
    };
    EXPECT_EQ(lacking().find("has no ICB for"), std::string::npos) << lacking();
    // A directory imported before the postcodes' ICBs were kept: the table says what is missing.
    ASSERT_TRUE(store_->db().Execute("DELETE FROM refdata_snapshots WHERE name = 'postcode_icbs'"));
    EXPECT_NE(lacking().find("has no ICB for postcodes: examinations counted without it are under No ICB. Import "
                             "the postcode directory again"),
              std::string::npos)
        << lacking();
}

TEST_P(PublishedTablesStoreTest, InterventionalProceduresAgreeCellByCellWithTheRecords) {
    // The second way: each current record's code, found as the validator finds it, held against
    // the list; counted by provider, published modality and month.
    std::map<std::tuple<std::string, std::string, std::string>, int64_t> expected;
    const auto& catalogue = refdata::NicipCatalogue::Shipped();
    auto status = store_->db().Query(
        "SELECT s.provider, s.period, r.nicip_code, r.snomed_code FROM records r "
        "JOIN submissions s ON s.id = r.submission_id WHERE s.status = 'current' AND r.excluded = 0",
        {}, [&](const store::SqlRow& r) {
            const refdata::NicipEntry* exam = catalogue.FindNicip(r.Text(2));
            if (exam == nullptr) {
                if (const auto snomed = refdata::ParseSnomedId(r.Text(3))) exam = catalogue.FindBySnomed(*snomed);
            }
            if (exam == nullptr || !refdata::InterventionalCodes::Shipped().Contains(exam->code)) return true;
            const std::string modality(refdata::PublishedModalities::Shipped().Of(exam->code, exam->modality));
            for (const std::string& who : {r.Text(0), std::string("ENGLAND")}) {
                for (const std::string& month : {r.Text(1), std::string("all")}) ++expected[{who, modality, month}];
            }
            return true;
        });
    ASSERT_TRUE(status) << status.error().message;
    ASSERT_FALSE(expected.empty());
    const auto table = Table("table12");
    // Twelve modalities for ENGLAND, RXX and RYJ: the nine, cone beam CT, endoscopy, interventional radiology.
    ASSERT_EQ(table.rows.size(), 12u * 3);
    EXPECT_EQ(table.rows[9][3].text, "Cone Beam Computed Tomography");
    EXPECT_EQ(table.rows[10][3].text, "Endoscopy");
    EXPECT_EQ(table.rows[11][3].text, "Interventional Radiology");
    int64_t nonzero = 0;
    size_t shown = 0;  // expected counts that have their cell: none may be left without a row
    for (const auto& row : table.rows) {
        const std::string who = row[2].text == "ENGLAND" ? "ENGLAND" : row[1].text;
        for (size_t c = 4; c < row.size(); ++c) {
            const auto it = expected.find({who, row[3].text, MonthOf(table, c)});
            const int64_t want = it == expected.end() ? 0 : it->second;
            EXPECT_EQ(static_cast<int64_t>(row[c].value), want)
                << who << " " << row[3].text << " " << MonthOf(table, c);
            nonzero += want > 0 ? 1 : 0;
            shown += it == expected.end() ? 0u : 1u;
        }
    }
    EXPECT_GT(nonzero, 5);
    EXPECT_EQ(shown, expected.size());
}

TEST_P(PublishedTablesStoreTest, TheCentralTeamsNotesOnDataIssuesArePrintedWithTheTablesOverTheirMonths) {
    const core::Period september = *core::Period::Parse("2026-09");
    ASSERT_TRUE(AddDataIssueNote(*store_, admin_, "RYJ", september, std::nullopt, "no file: a RIS migration"));
    ASSERT_TRUE(AddDataIssueNote(*store_, admin_, "RXX", *core::Period::Parse("2024-01"),
                                 *core::Period::Parse("2024-03"), "long before these months"));
    auto notes = [&](const std::string& name) {
        std::string all;
        for (const std::string& note : Table(name).notes) all += note + "\n";
        return all;
    };
    for (const std::string name : {"table1", "table9", "table12"}) {
        const std::string printed = notes(name);
        EXPECT_NE(printed.find("Data issue, RYJ "), std::string::npos) << name << ":\n" << printed;
        EXPECT_NE(printed.find(", September 2026: no file: a RIS migration"), std::string::npos) << printed;
        EXPECT_EQ(printed.find("long before"), std::string::npos) << printed;
    }
    // Replaced: the new text and months, what it replaced said.
    const auto replaced = AddDataIssueNote(*store_, admin_, "RYJ", september, *core::Period::Parse("2026-10"),
                                           "September and October sent late");
    ASSERT_TRUE(replaced);
    EXPECT_EQ(*replaced, "the note for 2026-09 to 2026-09: 'no file: a RIS migration'");
    EXPECT_NE(notes("table1").find(", September 2026 to October 2026: September and October sent late"),
              std::string::npos);
    // Refused, each with why: the months backwards, no text, a line break, a code ODS does not have.
    const auto backwards =
        AddDataIssueNote(*store_, admin_, "RYJ", september, *core::Period::Parse("2026-08"), "backwards");
    ASSERT_FALSE(backwards);
    EXPECT_EQ(backwards.error().message, "--to is before --from");
    EXPECT_FALSE(AddDataIssueNote(*store_, admin_, "RYJ", september, std::nullopt, ""));
    EXPECT_FALSE(AddDataIssueNote(*store_, admin_, "RYJ", september, std::nullopt, "two\nlines"));
    const auto unknown = AddDataIssueNote(*store_, admin_, "ZZZ99", september, std::nullopt, "who?");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("ZZZ99"), std::string::npos) << unknown.error().message;
    // Removed: no longer printed; removing it again says there is none.
    ASSERT_TRUE(RemoveDataIssueNote(*store_, admin_, "RYJ", september));
    EXPECT_EQ(notes("table1").find("Data issue, RYJ"), std::string::npos);
    const auto again = RemoveDataIssueNote(*store_, admin_, "RYJ", september);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().message, "there is no data issue note for RYJ from 2026-09");
    const auto listed = ListDataIssueNotes(*store_);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ((*listed)[0].provider, "RXX");
    EXPECT_EQ((*listed)[0].written_by, "admin");
}

INSTANTIATE_TEST_SUITE_P(Backends, PublishedTablesStoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return store::BackendName(param_info.param); });

}  // namespace
}  // namespace did::service
