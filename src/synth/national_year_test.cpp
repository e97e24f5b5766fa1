#include "synth/national_year.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/csv_rows.hpp"
#include "core/file_io.hpp"
#include "core/postcode.hpp"
#include "ingest/pipeline.hpp"
#include "refdata/nhs_region.hpp"
#include "refdata/ods_file.hpp"
#include "refdata/onspd_file.hpp"
#include "refdata/published_modality.hpp"

namespace did::synth {
namespace {

namespace fs = std::filesystem;

constexpr double kScale = 0.0005;  // about 25,000 records: every check below has enough of them
constexpr uint64_t kSeed = 7;

std::string Read(const std::string& path) {
    auto text = core::ReadFile(path);
    EXPECT_TRUE(text) << path;
    return text ? *text : "";
}

// Each row's fields, as text.
std::vector<std::vector<std::string>> Rows(const std::string& text, bool header) {
    std::vector<std::vector<std::string>> rows;
    core::ForEachCsvRow(text, 32, [&](const core::CsvRow& row) {
        EXPECT_TRUE(row.error.empty()) << row.line;
        if (!(header && row.line == 1)) rows.emplace_back(row.fields.begin(), row.fields.end());
        return true;
    });
    return rows;
}

std::string WriteYear(const std::string& directory, uint64_t seed, double scale) {
    NationalYearOptions options;
    options.first_month = *core::Period::Parse("2025-04");
    options.scale = scale;
    options.seed = seed;
    auto summary = WriteNationalYear(options, refdata::NicipCatalogue::Shipped(), directory);
    EXPECT_TRUE(summary) << (summary ? "" : summary.error().message);
    return directory;
}

double Median(std::vector<int> days) {
    if (days.empty()) return -1;
    std::sort(days.begin(), days.end());
    const size_t n = days.size();
    return n % 2 == 1 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
}

// One year written once for the tests that read it.
class NationalYearTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        directory_ = (fs::temp_directory_path() / fs::path("did_national_year_" + std::to_string(::getpid()))).string();
        fs::remove_all(directory_);
        WriteYear(directory_, kSeed, kScale);
        for (const auto& row : Rows(Read(directory_ + "/submissions.csv"), true)) listed_.push_back(row);
    }
    static void TearDownTestSuite() { fs::remove_all(directory_); }
    static std::string Path(const std::string& name) { return directory_ + "/" + name; }

    static std::vector<refdata::Organisation> Ods(const std::string& name, refdata::OrgKind kind) {
        auto parsed = refdata::ParseOdsFile(Read(Path(name)), kind);
        EXPECT_EQ(parsed.problem_count, 0u) << name;
        return parsed.organisations;
    }

    static std::string directory_;
    static std::vector<std::vector<std::string>> listed_;  // submissions.csv
};
std::string NationalYearTest::directory_;
std::vector<std::vector<std::string>> NationalYearTest::listed_;

TEST_F(NationalYearTest, OrganisationsAreEnglandsShape) {
    const auto trusts = Ods("etr.csv", refdata::OrgKind::kTrust);
    const auto independents = Ods("ephp.csv", refdata::OrgKind::kIndependent);
    const auto sites = Ods("ets.csv", refdata::OrgKind::kSite);
    const auto practices = Ods("epraccur.csv", refdata::OrgKind::kGpPractice);
    EXPECT_NEAR(static_cast<double>(trusts.size() + independents.size()), 150, 10);
    EXPECT_GE(independents.size(), 3u);
    EXPECT_LE(independents.size(), 10u);

    std::set<std::string> regions;
    std::set<std::string> providers;
    for (const auto* list : {&trusts, &independents}) {
        for (const auto& org : *list) {
            regions.insert(org.region);
            EXPECT_TRUE(providers.insert(org.code).second) << org.code;
        }
    }
    std::set<std::string> all_regions;
    for (const auto& region : refdata::NhsRegions()) all_regions.insert(std::string(region.code));
    EXPECT_EQ(regions, all_regions);
    // Every site belongs to a provider; every provider has a site.
    std::set<std::string> with_sites;
    for (const auto& site : sites) {
        EXPECT_TRUE(providers.count(site.parent)) << site.code << " of " << site.parent;
        EXPECT_TRUE(all_regions.count(site.region)) << site.code;
        with_sites.insert(site.parent);
    }
    EXPECT_EQ(with_sites, providers);

    // icb.csv in the ONS layout; every ODS row names one of its ICBs in column 4.
    const std::string icb_text = Read(Path("icb.csv"));
    ASSERT_TRUE(icb_text.starts_with("ICB23CD,ICB23CDH,ICB23NM,ObjectId\n")) << icb_text.substr(0, 80);
    std::set<std::string> icb_ods;
    std::set<std::string> icb_ons;
    for (const auto& row : Rows(icb_text, true)) {
        ASSERT_EQ(row.size(), 4u);
        EXPECT_TRUE(row[0].size() == 9 && row[0].starts_with("E54000")) << row[0];
        EXPECT_TRUE(row[1].size() == 3 && row[1].starts_with("Q")) << row[1];
        EXPECT_TRUE(row[2].starts_with("NHS ") && row[2].ends_with(" Integrated Care Board")) << row[2];
        icb_ons.insert(row[0]);
        icb_ods.insert(row[1]);
    }
    EXPECT_EQ(icb_ods.size(), 42u);
    EXPECT_EQ(icb_ons.size(), 42u);
    std::map<std::string, int> practices_in;
    for (const char* name : {"etr.csv", "ephp.csv", "ets.csv", "epraccur.csv"}) {
        for (const auto& row : Rows(Read(Path(name)), false)) {
            ASSERT_GE(row.size(), 15u) << name;
            EXPECT_TRUE(all_regions.count(row[2])) << name << " " << row[0];
            EXPECT_TRUE(icb_ods.count(row[3])) << name << " " << row[0] << " names ICB " << row[3];
            if (std::string(name) == "epraccur.csv") ++practices_in[row[3]];
        }
    }
    EXPECT_EQ(practices_in.size(), 42u);
    for (const auto& [icb, count] : practices_in) EXPECT_GE(count, 5) << icb;
    size_t listed_practices = 0;
    for (const auto& [icb, count] : practices_in) listed_practices += static_cast<size_t>(count);
    EXPECT_EQ(practices.size(), listed_practices);
}

// Every file listed, every listed file there, every provider every month, sent on time.
TEST_F(NationalYearTest, SubmissionsListEveryProviderEveryMonth) {
    const size_t providers =
        Ods("etr.csv", refdata::OrgKind::kTrust).size() + Ods("ephp.csv", refdata::OrgKind::kIndependent).size();
    ASSERT_EQ(listed_.size(), providers * 12);
    std::map<std::string, std::set<std::string>> months;
    for (const auto& row : listed_) {
        ASSERT_EQ(row.size(), 4u);
        EXPECT_EQ(row[2], "files/" + row[0] + "-" + row[1] + ".csv");
        EXPECT_TRUE(fs::exists(Path(row[2]))) << row[2];
        months[row[0]].insert(row[1]);
        const auto period = core::Period::Parse(row[1]);
        const auto sent = core::Date::Parse(row[3]);
        ASSERT_TRUE(period && sent) << row[1] << " " << row[3];
        EXPECT_GE(*sent, period->Next().FirstDay()) << row[2];
        EXPECT_LE(*sent, period->Next().FirstDay().AddDays(25)) << row[2] << ": after the cut-off";
    }
    EXPECT_EQ(months.size(), providers);
    for (const auto& [provider, periods] : months) {
        EXPECT_EQ(periods.size(), 12u) << provider;
        EXPECT_EQ(*periods.begin(), "2025-04");
        EXPECT_EQ(*periods.rbegin(), "2026-03");
    }
    size_t files = 0;
    for (const auto& entry : fs::directory_iterator(Path("files"))) files += entry.is_regular_file() ? 1u : 0u;
    EXPECT_EQ(files, listed_.size());  // and no .partial left behind
}

// The records: England's published mix and waits, practices and postcodes from the reference
// data, patients mostly in their practice's ICB; and each file passes every rule that runs on
// the file alone.
TEST_F(NationalYearTest, RecordsHaveThePublishedMixAndWaits) {
    // The directory: postcode -> ICB (ONS code); ICB ONS code -> ODS code; practice -> ICB.
    std::map<std::string, std::string> postcode_icb;
    {
        const auto rows = Rows(Read(Path("onspd.csv")), false);
        ASSERT_FALSE(rows.empty());
        std::vector<std::string_view> header(rows[0].begin(), rows[0].end());
        auto columns = refdata::OnspdColumns::FromHeader(header);
        ASSERT_TRUE(columns);
        refdata::OnspdEntry entry;
        for (size_t i = 1; i < rows.size(); ++i) {
            std::vector<std::string_view> fields(rows[i].begin(), rows[i].end());
            ASSERT_TRUE(refdata::ReadOnspdRow(*columns, fields, entry));
            EXPECT_TRUE(entry.terminated.empty()) << entry.postcode;
            EXPECT_TRUE(core::IsPostcodeFormat(entry.postcode)) << entry.postcode;
            EXPECT_TRUE(postcode_icb.emplace(entry.postcode, entry.icb).second) << entry.postcode << " twice";
        }
    }
    std::map<std::string, std::string> ons_to_ods;
    for (const auto& row : Rows(Read(Path("icb.csv")), true)) ons_to_ods[row[0]] = row[1];
    std::map<std::string, std::string> practice_icb;
    for (const auto& row : Rows(Read(Path("epraccur.csv")), false)) {
        practice_icb[row[0]] = row[3];
        EXPECT_TRUE(postcode_icb.count(row[9])) << row[0] << " at " << row[9];
    }
    std::set<std::string> sites;
    for (const auto& site : Ods("ets.csv", refdata::OrgKind::kSite)) sites.insert(site.code);

    const auto& catalogue = refdata::NicipCatalogue::Shipped();
    const auto& published = refdata::PublishedModalities::Shipped();
    std::map<std::string_view, uint64_t> by_modality;
    std::map<std::string_view, std::vector<int>> waits;
    std::map<std::string_view, std::vector<int>> reports;
    uint64_t records = 0, no_practice = 0, gp_direct = 0, same_icb = 0, with_practice = 0, outside = 0;
    for (const auto& listed : listed_) {
        const std::string text = Read(Path(listed[2]));
        const auto rows = Rows(text, true);
        ASSERT_FALSE(rows.empty()) << listed[2];
        for (const auto& f : rows) {
            ASSERT_EQ(f.size(), 18u);
            ++records;
            const refdata::NicipEntry* exam =
                f[13].empty() ? catalogue.FindBySnomed(std::stoull(f[14])) : catalogue.FindNicip(f[13]);
            ASSERT_NE(exam, nullptr) << f[13] << " " << f[14];
            const std::string_view modality = published.Of(exam->code, exam->modality);
            ++by_modality[modality];
            const auto request = core::Date::Parse(f[10]);
            const auto test = core::Date::Parse(f[12]);
            const auto report = core::Date::Parse(f[15]);
            ASSERT_TRUE(request && test && report);
            waits[modality].push_back(test->DaysSinceEpoch() - request->DaysSinceEpoch());
            reports[modality].push_back(report->DaysSinceEpoch() - test->DaysSinceEpoch());

            const auto icb = postcode_icb.find(f[5]);
            ASSERT_NE(icb, postcode_icb.end()) << f[5] << " is not in onspd.csv";
            outside += icb->second.starts_with("E54") ? 0u : 1u;
            gp_direct += f[7] == "04" ? 1u : 0u;
            if (f[6].empty()) {
                ++no_practice;
            } else {
                ASSERT_TRUE(practice_icb.count(f[6])) << f[6] << " is not in epraccur.csv";
                ++with_practice;
                const auto ods = ons_to_ods.find(icb->second);
                same_icb += ods != ons_to_ods.end() && ods->second == practice_icb[f[6]] ? 1u : 0u;
            }
            EXPECT_TRUE(sites.count(f[16])) << f[16];
        }
    }
    EXPECT_NEAR(static_cast<double>(records), kScale * 50.45e6, kScale * 50.45e6 * 0.05);

    double year = 0;
    for (const ModalityVolume& v : PublishedYear()) year += v.examinations;
    for (const ModalityVolume& v : PublishedYear()) {
        const double share = static_cast<double>(by_modality[v.modality]) / static_cast<double>(records);
        const double wanted = v.examinations / year;
        EXPECT_NEAR(share, wanted, std::max(0.005, wanted * 0.05)) << v.modality;
    }
    EXPECT_EQ(by_modality.size(), PublishedYear().size()) << "a modality outside the published nine";
    EXPECT_GT(by_modality["Positron Emission Tomography"], 0u);
    EXPECT_GT(by_modality["Single Photon Emission Computerized Tomography"], 0u);

    // The published medians of request to test.
    EXPECT_NEAR(Median(waits["Plain Radiography"]), 0, 1);
    EXPECT_NEAR(Median(waits["Computerized Axial Tomography"]), 1, 1);
    EXPECT_NEAR(Median(waits["Diagnostic Ultrasonography"]), 15, 2);
    EXPECT_NEAR(Median(waits["Magnetic Resonance Imaging"]), 21, 2);
    // Test to report: a few days, with a tail (where there are enough to see one).
    for (const auto& [modality, days] : reports) {
        EXPECT_LE(Median(days), 4) << modality;
        if (days.size() < 1000) continue;
        EXPECT_GT(*std::max_element(days.begin(), days.end()), 7) << modality << ": no tail";
    }

    const double n = static_cast<double>(records);
    EXPECT_NEAR(static_cast<double>(gp_direct) / n, 0.34, 0.03);
    EXPECT_NEAR(static_cast<double>(no_practice) / n, 0.02, 0.008);
    EXPECT_GT(outside, 0u);
    EXPECT_LT(static_cast<double>(outside) / n, 0.02);
    EXPECT_GT(static_cast<double>(same_icb) / static_cast<double>(with_practice), 0.9);
}

TEST_F(NationalYearTest, FilesPassEveryRuleThatRunsOnTheFile) {
    for (size_t i : {size_t{0}, listed_.size() / 2, listed_.size() - 1}) {
        const auto& listed = listed_[i];
        validate::ValidationContext context;
        context.submitted = *core::Date::Parse(listed[3]);
        context.period = core::Period::Parse(listed[1]);
        const std::string text = Read(Path(listed[2]));
        ingest::MemorySource source(text);
        auto report = ingest::ValidateCsv(source, context, {});
        ASSERT_TRUE(report);
        EXPECT_FALSE(report->file_rejected()) << listed[2];
        EXPECT_GT(report->records.total, 0u) << listed[2];
        EXPECT_EQ(report->records.rejected, 0u) << listed[2];
        EXPECT_EQ(report->records.warned, 0u) << listed[2];
    }
}

TEST_F(NationalYearTest, SameSeedSameBytes) {
    const std::string again = WriteYear(directory_ + "-again", kSeed, kScale);
    size_t compared = 0;
    for (const auto& entry : fs::recursive_directory_iterator(directory_)) {
        if (!entry.is_regular_file()) continue;
        const std::string relative = fs::relative(entry.path(), directory_).string();
        EXPECT_EQ(Read(entry.path().string()), Read(again + "/" + relative)) << relative;
        ++compared;
    }
    EXPECT_EQ(compared, listed_.size() + 7);  // and the reference data, and submissions.csv
    fs::remove_all(again);

    // Another seed, another year: other sizes and other postcodes.
    const NationalPlan plan = NationalPlan::Make(kSeed, kScale);
    const NationalPlan other = NationalPlan::Make(kSeed + 1, kScale);
    EXPECT_NE(plan.providers()[0].examinations, other.providers()[0].examinations);
    EXPECT_NE(plan.icbs()[0].postcodes, other.icbs()[0].postcodes);
    EXPECT_EQ(plan.Examinations(), NationalPlan::Make(kSeed, kScale).Examinations());
}

}  // namespace
}  // namespace did::synth
