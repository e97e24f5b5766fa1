// Closing a month from the command line, on both backends: a change to the timetable leaves
// months past their cut-off as they were; `did status` shows each provider's NHS England region
// and its provisional and final last good files; a resubmission or a restore after the cut-off
// changes only the final file; after the final deadline only an exception reopens a month.
// A submission's day is `--submitted`; anything else happens today, so the tests that need a
// cut-off or a final deadline already passed take months counted back from today.

#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include <fmt/format.h>

#include "integration/process.hpp"
#include "store/test_databases.hpp"

namespace {

using did::store::Backend;

// The month `offset` months from this one (local time, as `did` counts days), as YYYY-MM.
std::string Month(int offset) {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    const int index = (local.tm_year + 1900) * 12 + local.tm_mon + offset;
    return fmt::format("{:04}-{:02}", index / 12, index % 12 + 1);
}

// Day `day` of that month, as YYYY-MM-DD.
std::string Day(int offset, int day) {
    return fmt::format("{}-{:02}", Month(offset), day);
}

// The first day of the month after `period` (YYYY-MM).
std::string FirstDayAfter(const std::string& period) {
    const int index = std::stoi(period.substr(0, 4)) * 12 + std::stoi(period.substr(5, 2));
    return fmt::format("{:04}-{:02}-01", index / 12, index % 12 + 1);
}

class MonthCloseCliTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        database_ = std::make_unique<did::store::TestDatabase>(GetParam());
        if (database_->url().empty()) {
            if (database_->required()) FAIL() << database_->skip_reason();
            GTEST_SKIP() << database_->skip_reason();
        }
        dir_ = did::testing::MakeTempDir("did_month_close");
        ASSERT_EQ(did::testing::Run("cd '" + dir_ + "' && '" + DID_BINARY + "' refdata samples samples").exit_code, 0);
        // The samples put every trust in North East and Yorkshire; RYJ moves to London here.
        std::string trusts = did::testing::ReadText(dir_ + "/samples/etr.csv");
        const size_t ryj = trusts.find("\"RYJ\"");
        ASSERT_NE(ryj, std::string::npos);
        trusts.replace(trusts.find("\"Y63\"", ryj), 5, "\"Y56\"");
        did::testing::WriteText(dir_ + "/samples/etr.csv", trusts);
        for (const char* file : {"epraccur", "etr", "ets"}) {
            const auto r = Did(std::string("refdata import-ods samples/") + file + ".csv");
            ASSERT_EQ(r.exit_code, 0) << r.out;
        }
        ASSERT_EQ(Did("expect add --provider RXX --from 2026-01").exit_code, 0);
        ASSERT_EQ(Did("expect add --provider RYJ --from 2026-01").exit_code, 0);
    }
    void TearDown() override {
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    // did with this test's database and data directory; standard error with the output.
    did::testing::ProcessResult Did(const std::string& args) const {
        return did::testing::Run("cd '" + dir_ + "' && DID_USER=admin.central DID_DATA_DIR='" + dir_ + "/data' '" +
                                 DID_BINARY + "' " + args + " --db '" + database_->url() + "' 2>&1");
    }
    static bool Has(const did::testing::ProcessResult& r, const std::string& text) {
        return r.out.find(text) != std::string::npos;
    }

    // A new file of RXX for `period` (each seed a different one), sent on `day` (empty: today).
    did::testing::ProcessResult Submit(const std::string& period, int seed, const std::string& day) const {
        const std::string file = fmt::format("rxx-{}-{}.csv", period, seed);
        const auto generated = did::testing::Run(
            fmt::format("cd '{}' && '{}' generate --rows 200 --seed {} --period {} --submitted {} --out {} 2>&1", dir_,
                        DID_BINARY, seed, period, FirstDayAfter(period), file));
        EXPECT_EQ(generated.exit_code, 0) << generated.out;
        return Did(fmt::format("submit --provider RXX --period {} {}{}", period, file,
                               day.empty() ? "" : " --submitted " + day + " --reason 'sent by post'"));
    }

    // `did status` for RXX in `period`, as JSON.
    nlohmann::json StatusOfRxx(const std::string& period) const {
        const auto r = Did("status --period " + period + " --provider RXX --format json");
        EXPECT_EQ(r.exit_code, 0) << r.out;
        const auto rows = nlohmann::json::parse(r.out, nullptr, false);
        EXPECT_TRUE(rows.is_array() && rows.size() == 1) << r.out;
        return rows.is_array() && rows.size() == 1 ? rows[0] : nlohmann::json::object();
    }

    std::unique_ptr<did::store::TestDatabase> database_;
    std::string dir_;
};

TEST_P(MonthCloseCliTest, StatusShowsTheRegionAndBothLastGoodFilesInEveryFormat) {
    ASSERT_EQ(Submit("2026-10", 1, "2026-11-05").exit_code, 0);
    ASSERT_EQ(Submit("2026-10", 2, "2026-11-30").exit_code, 0);  // a late resubmission

    auto r = Did("status --period 2026-10 --format csv");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r,
                    "provider,name,region,expected,status,days,first_usable_file,provisional_file,final_file,"
                    "current_file,received,back_dated,accepted,rejected,attempts\n"))
        << r.out;
    EXPECT_TRUE(Has(r, "RXX,EXAMPLE HOSPITALS NHS TRUST,North East and Yorkshire,yes,on time,,2026-11-05,1,2,2,"))
        << r.out;
    EXPECT_TRUE(Has(r, "RYJ,DEMONSTRATION TEACHING HOSPITALS NHS TRUST,London,yes,overdue,")) << r.out;

    const auto rxx = StatusOfRxx("2026-10");
    EXPECT_EQ(rxx["region"], "North East and Yorkshire");
    EXPECT_EQ(rxx["provisional_file"], 1);
    EXPECT_EQ(rxx["final_file"], 2);
    EXPECT_EQ(rxx["current_file"], 2);
    EXPECT_EQ(rxx["status"], "on time");
    r = Did("status --period 2026-10 --provider RYJ --format json");
    const auto ryj = nlohmann::json::parse(r.out)[0];
    EXPECT_TRUE(ryj["provisional_file"].is_null()) << r.out;
    EXPECT_TRUE(ryj["final_file"].is_null()) << r.out;

    r = Did("status --period 2026-10");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "provisional file  final file  current file")) << r.out;
    EXPECT_TRUE(Has(r, "North East and Yorkshire")) << r.out;

    r = Did("status --period 2026-10 --format csv --region london");
    EXPECT_TRUE(Has(r, "RYJ,")) << r.out;
    EXPECT_FALSE(Has(r, "RXX,")) << r.out;
    r = Did("status --period 2026-10 --format csv --region north-east-and-yorkshire");
    EXPECT_TRUE(Has(r, "RXX,")) << r.out;
    EXPECT_FALSE(Has(r, "RYJ,")) << r.out;
    r = Did("status --period 2026-10 --region wales");
    EXPECT_EQ(r.exit_code, 2) << r.out;
}

TEST_P(MonthCloseCliTest, ARestoreAfterTheCutoffChangesOnlyTheFinalFile) {
    const std::string period = Month(-2);  // its cut-off has passed, its final deadline has not
    ASSERT_EQ(Submit(period, 1, Day(-1, 5)).exit_code, 0);
    ASSERT_EQ(Submit(period, 2, Day(-1, 20)).exit_code, 0);
    auto r = Did("submission restore 1");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const auto rxx = StatusOfRxx(period);
    EXPECT_EQ(rxx["provisional_file"], 2);
    EXPECT_EQ(rxx["final_file"], 1);
    EXPECT_EQ(rxx["current_file"], 1);
}

TEST_P(MonthCloseCliTest, AClosedMonthChangesOnlyWhileAnExceptionReopensIt) {
    const std::string period = Month(-8);  // its final deadline has passed
    ASSERT_EQ(Submit(period, 1, Day(-7, 5)).exit_code, 0);
    ASSERT_EQ(Submit(period, 2, Day(-7, 20)).exit_code, 0);

    auto r = Did("submission restore 1");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_TRUE(Has(r, "the month is closed for RXX")) << r.out;
    r = Submit(period, 3, "");
    EXPECT_EQ(r.exit_code, 5) << r.out;
    EXPECT_TRUE(Has(r, "the window for " + period + " closed on")) << r.out;
    auto rxx = StatusOfRxx(period);
    EXPECT_EQ(rxx["provisional_file"], 2);
    EXPECT_EQ(rxx["final_file"], 2);

    r = Did(fmt::format("exception grant --provider RXX --period {} --until {} --reason 'RIS replacement'", period,
                        Day(1, 28)));
    ASSERT_EQ(r.exit_code, 0) << r.out;
    r = Submit(period, 3, "");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    rxx = StatusOfRxx(period);
    EXPECT_EQ(rxx["provisional_file"], 2);
    EXPECT_EQ(rxx["final_file"], 3);
    EXPECT_EQ(rxx["current_file"], 3);
    ASSERT_EQ(Did("submission restore 2").exit_code, 0);
    EXPECT_EQ(StatusOfRxx(period)["final_file"], 2);

    r = Did("audit list --format csv");
    EXPECT_TRUE(Has(r, ",final_file.changed,RXX " + period + ",")) << r.out;
    EXPECT_TRUE(Has(r, "RIS replacement")) << r.out;

    ASSERT_EQ(Did(fmt::format("exception revoke --provider RXX --period {}", period)).exit_code, 0);
    r = Did("submission restore 3");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_TRUE(Has(r, "the month is closed for RXX")) << r.out;
    EXPECT_EQ(StatusOfRxx(period)["final_file"], 2);
}

TEST_P(MonthCloseCliTest, ATimetableChangeLeavesAMonthPastItsCutoffOnTime) {
    const std::string period = Month(-2);
    const std::string cutoff = Day(-1, 26);
    ASSERT_EQ(Submit(period, 1, Day(-1, 24)).exit_code, 0);
    EXPECT_EQ(StatusOfRxx(period)["status"], "on time");

    auto r = Did("timetable rule --cutoff-day 20");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const auto rxx = StatusOfRxx(period);
    EXPECT_EQ(rxx["status"], "on time");
    EXPECT_TRUE(rxx["days"].is_null()) << rxx;
    r = Did(fmt::format("timetable --from {0} --to {0} --format csv", period));
    EXPECT_TRUE(Has(r, fmt::format("{},{},{},", period, Day(-1, 1), cutoff))) << r.out;
    EXPECT_TRUE(Has(r, ",frozen\n")) << r.out;
    // A month whose cut-off is still to come follows the new rule.
    r = Did(fmt::format("timetable --from {0} --to {0} --format csv", Month(2)));
    EXPECT_TRUE(Has(r, fmt::format("{},{},{},", Month(2), Day(3, 1), Day(3, 20)))) << r.out;
    EXPECT_TRUE(Has(r, ",rule\n")) << r.out;

    r = Did(fmt::format("timetable override --period {} --opens {} --cutoff {} --provisional {} --final {}", period,
                        Day(-1, 1), Day(1, 1), Day(1, 2), Day(4, 1)));
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_TRUE(Has(r, "passed on " + cutoff)) << r.out;

    // The months frozen are in the change's audit entry.
    r = Did("audit list --format csv");
    const size_t entry = r.out.find("timetable.rule_changed");
    ASSERT_NE(entry, std::string::npos) << r.out;
    const std::string line = r.out.substr(entry, r.out.find('\n', entry) - entry);
    EXPECT_NE(line.find("frozen"), std::string::npos) << line;
    EXPECT_NE(line.find(period), std::string::npos) << line;
}

INSTANTIATE_TEST_SUITE_P(Backends, MonthCloseCliTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return did::store::BackendName(param_info.param); });

}  // namespace
