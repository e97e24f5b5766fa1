// Closing a month through the service, against SQLite and PostgreSQL alike: dates frozen when
// the timetable changes after a cut-off, the provisional and final last good files, and a
// month closed after its final deadline until an exception reopens it.

#include "service/month_close.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "service/engagement_admin.hpp"
#include "service/monitoring.hpp"
#include "service/reference_data.hpp"
#include "service/submission.hpp"
#include "service/submission_admin.hpp"
#include "service/timetable.hpp"
#include "store/test_databases.hpp"
#include "store/test_store.hpp"
#include "synth/extract_generator.hpp"
#include "synth/reference_samples.hpp"

namespace did::service {
namespace {

using store::Backend;

// 2026-10 under the default rule: window opens 2026-11-01, cut-off 2026-11-26, provisional
// deadline 2026-11-30, final deadline 2027-04-30.
const core::Period kPeriod = *core::Period::Parse("2026-10");

core::Date D(const char* text) {
    return *core::Date::Parse(text);
}

class MonthCloseTest : public ::testing::TestWithParam<Backend>, protected store::TestStore {
  protected:
    void SetUp() override {
        OpenTestStore(GetParam());
        if (!store_) return;
        dir_ = std::filesystem::temp_directory_path() /
               ("did_month_close_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
        std::filesystem::create_directories(dir_);
        ASSERT_TRUE(synth::WriteReferenceSamples(dir_.string()));
        for (auto [file, kind] :
             {std::pair{"etr.csv", refdata::OrgKind::kTrust}, std::pair{"ets.csv", refdata::OrgKind::kSite},
              std::pair{"epraccur.csv", refdata::OrgKind::kGpPractice}}) {
            auto imported = ImportOds(*store_, admin_, (dir_ / file).string(), kind);
            ASSERT_TRUE(imported) << imported.error().message;
        }
        ASSERT_TRUE(ExpectProvider(*store_, admin_, "RXX", *core::Period::Parse("2026-04"), std::nullopt));
    }

    void TearDown() override {
        store_.reset();
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    // A clean extract of RXX for 2026-10 (its seed makes each file different).
    std::string Extract(uint64_t seed) {
        synth::GeneratorOptions options;
        options.rows = 50;
        options.seed = seed;
        options.period = kPeriod;
        options.submitted = D("2026-11-05");
        options.provider = "RXX";
        const std::string path = (dir_ / ("rxx-" + std::to_string(seed) + ".csv")).string();
        std::ofstream out(path, std::ios::binary);
        EXPECT_TRUE(synth::GenerateExtract(options, refdata::NicipCatalogue::Shipped(), [&](std::string_view t) {
            out << t;
            return core::Status();
        }));
        return path;
    }

    // Sends a new file received on `received`; its submission id when stored, else 0.
    SubmitOutcome Send(uint64_t seed, core::Date received) {
        SubmitRequest request;
        request.provider = "RXX";
        request.period = kPeriod;
        request.path = Extract(seed);
        request.file_name = "rxx.csv";
        request.received_on = received;
        request.actor = {"dm.rxx", "test", Role::kCentralAdministrator};  // received on chosen days
        request.spool_directory = dir_.string();
        auto outcome = Submit(*store_, refdata::NicipCatalogue::Shipped(), request);
        EXPECT_TRUE(outcome) << outcome.error().message;
        return outcome ? std::move(*outcome) : SubmitOutcome{};
    }
    int64_t Stored(uint64_t seed, core::Date received) {
        const SubmitOutcome outcome = Send(seed, received);
        EXPECT_EQ(outcome.result, SubmitResult::kStored) << outcome.message;
        return outcome.submission ? outcome.submission->id : 0;
    }

    LastGoodFiles Files(core::Date today) {
        auto files = LastGoodFilesOf(*store_, "RXX", kPeriod, today);
        EXPECT_TRUE(files) << files.error().message;
        return files ? *files : LastGoodFiles{};
    }

    int64_t Count(const std::string& sql) {
        auto row = store_->db().QueryOne(sql);
        EXPECT_TRUE(row) << row.error().message;
        return row && *row ? (*row)->Int(0) : -1;
    }

    inline static int counter_ = 0;
    Actor admin_{"admin", "test"};
    std::filesystem::path dir_;
};

TEST_P(MonthCloseTest, AResubmissionAfterTheCutoffChangesOnlyTheFinalFile) {
    const int64_t first = Stored(1, D("2026-11-05"));
    const int64_t second = Stored(2, D("2026-11-20"));
    // Before the cut-off both are the current file so far.
    LastGoodFiles files = Files(D("2026-11-21"));
    EXPECT_EQ(files.provisional.submission, second);
    EXPECT_FALSE(files.provisional.fixed);
    EXPECT_EQ(files.final.submission, second);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM last_good_files"), 0);
    // The cut-off passes with nothing sent: the current file is the provisional one.
    files = Files(D("2026-11-27"));
    EXPECT_EQ(files.provisional.submission, second);
    EXPECT_TRUE(files.provisional.fixed);

    const int64_t late = Stored(3, D("2026-11-28"));
    files = Files(D("2026-11-28"));
    EXPECT_EQ(files.provisional.submission, second);
    EXPECT_TRUE(files.provisional.fixed);
    EXPECT_EQ(files.final.submission, late);
    EXPECT_FALSE(files.final.fixed);
    const int64_t later = Stored(4, D("2027-02-01"));
    files = Files(D("2027-05-01"));
    EXPECT_EQ(files.provisional.submission, second);
    EXPECT_EQ(files.final.submission, later);
    EXPECT_TRUE(files.final.fixed);
    EXPECT_NE(first, second);

    // Status shows both, and stays on time: the first usable file came before the cut-off.
    auto window = Timetable::Load(*store_)->For(kPeriod);
    auto statuses = StatusFor(*store_, *window, D("2027-05-01"));
    ASSERT_TRUE(statuses) << statuses.error().message;
    ASSERT_EQ(statuses->size(), 1u);
    const ProviderStatus& s = statuses->front();
    EXPECT_EQ(s.state, "on time");
    EXPECT_EQ(s.last_good.provisional.submission, second);
    EXPECT_EQ(s.last_good.final.submission, later);
    EXPECT_EQ(s.region, "North East and Yorkshire");
}

TEST_P(MonthCloseTest, ARestoreAfterTheCutoffKeepsTheProvisionalFile) {
    const int64_t first = Stored(1, D("2026-11-05"));
    const int64_t second = Stored(2, D("2026-11-20"));
    auto restored = RestoreSubmission(*store_, admin_, first, D("2026-12-01"));
    ASSERT_TRUE(restored) << restored.error().message;
    LastGoodFiles files = Files(D("2026-12-01"));
    EXPECT_EQ(files.provisional.submission, second);
    EXPECT_EQ(files.final.submission, first);
    // Until the final deadline the final file is not recorded: it is the current one so far.
    ASSERT_TRUE(RestoreSubmission(*store_, admin_, second, D("2026-12-02")));
    EXPECT_EQ(Files(D("2026-12-02")).provisional.submission, second);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM last_good_files WHERE stage = 'final'"), 0);
}

TEST_P(MonthCloseTest, AfterTheFinalDeadlineOnlyAnExceptionReopensTheMonth) {
    const int64_t first = Stored(1, D("2026-11-05"));
    const int64_t second = Stored(2, D("2026-12-10"));
    // Closed: neither a restore nor a submission changes the month.
    auto refused = RestoreSubmission(*store_, admin_, first, D("2027-05-02"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
    EXPECT_NE(refused.error().message.find("the month is closed for RXX"), std::string::npos);
    EXPECT_EQ(Send(3, D("2027-05-02")).result, SubmitResult::kRefused);
    LastGoodFiles files = Files(D("2027-05-02"));
    EXPECT_EQ(files.provisional.submission, first);
    EXPECT_EQ(files.final.submission, second);
    EXPECT_TRUE(files.final.fixed);

    // Reopened for RXX by an exception: a file stored under it becomes the final one, audited.
    ASSERT_TRUE(GrantException(*store_, admin_, "RXX", kPeriod, D("2027-05-31"), "RIS replacement"));
    const int64_t reopened = Stored(3, D("2027-05-03"));
    files = Files(D("2027-05-03"));
    EXPECT_EQ(files.provisional.submission, first);
    EXPECT_EQ(files.final.submission, reopened);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'final_file.changed' AND subject = 'RXX 2026-10' "
                    "AND detail LIKE '%\"replaces\":\"" +
                    std::to_string(second) + "\"%RIS replacement%'"),
              1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM last_good_files WHERE stage = 'final' AND note LIKE '%RIS replacement%'"), 1);
    // So does a restore while it lasts; none after it.
    ASSERT_TRUE(RestoreSubmission(*store_, admin_, second, D("2027-05-04")));
    EXPECT_EQ(Files(D("2027-05-04")).final.submission, second);
    auto expired = RestoreSubmission(*store_, admin_, reopened, D("2027-06-01"));
    ASSERT_FALSE(expired);
    EXPECT_EQ(Files(D("2027-06-01")).final.submission, second);
    EXPECT_EQ(Files(D("2027-06-01")).provisional.submission, first);
}

// What the statistics do before reading: a file back-dated to before the cut-off afterwards
// is on time, but does not change the provisional file they used.
TEST_P(MonthCloseTest, RecordedLastGoodFilesStayWhenAFileIsBackDated) {
    const int64_t first = Stored(1, D("2026-11-05"));
    ASSERT_TRUE(ExpectProvider(*store_, admin_, "RYY", *core::Period::Parse("2026-04"), std::nullopt));
    ASSERT_TRUE(RecordLastGoodFiles(*store_, kPeriod, D("2026-11-26")));  // not yet: the cut-off is today
    EXPECT_EQ(Count("SELECT COUNT(*) FROM last_good_files"), 0);
    ASSERT_TRUE(RecordLastGoodFiles(*store_, kPeriod, D("2026-11-27")));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM last_good_files WHERE stage = 'provisional'"), 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM last_good_files WHERE provider = 'RYY' AND submission_id IS NULL"), 1);
    const int64_t backdated = Stored(2, D("2026-11-25"));
    LastGoodFiles files = Files(D("2026-11-28"));
    EXPECT_EQ(files.provisional.submission, first);
    EXPECT_EQ(files.final.submission, backdated);
}

TEST_P(MonthCloseTest, ATimetableChangeLeavesMonthsPastTheirCutoffAsTheyWere) {
    // On time under the rule's 26th, and late if the cut-off moved to the 20th.
    Stored(1, D("2026-11-24"));
    ASSERT_TRUE(SetTimetableRule(*store_, admin_, {20, 1, 6}, D("2026-12-01")));
    auto timetable = Timetable::Load(*store_);
    ASSERT_TRUE(timetable);
    auto october = timetable->For(kPeriod);
    ASSERT_TRUE(october);
    EXPECT_EQ(october->cutoff, D("2026-11-26"));
    EXPECT_TRUE(october->frozen);
    EXPECT_TRUE(timetable->For(*core::Period::Parse("2026-04"))->frozen);  // the first month RXX is expected
    EXPECT_FALSE(timetable->For(*core::Period::Parse("2026-03"))->frozen);
    auto november = timetable->For(*core::Period::Parse("2026-11"));  // its cut-off is still to come
    EXPECT_EQ(november->cutoff, D("2026-12-20"));
    EXPECT_FALSE(november->frozen);
    auto statuses = StatusFor(*store_, *october, D("2026-12-01"));
    ASSERT_TRUE(statuses);
    EXPECT_EQ(statuses->front().state, "on time");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'timetable.rule_changed' AND detail LIKE "
                    "'%\"frozen\":\"2026-04, 2026-05, %2026-10\"%'"),
              1);

    // A change that would put a cut-off in the past keeps the month's dates instead.
    ASSERT_TRUE(SetTimetableRule(*store_, admin_, {5, 1, 6}, D("2026-12-10")));
    november = Timetable::Load(*store_)->For(*core::Period::Parse("2026-11"));
    EXPECT_EQ(november->cutoff, D("2026-12-20"));
    EXPECT_TRUE(november->frozen);
    EXPECT_EQ(Timetable::Load(*store_)->For(*core::Period::Parse("2026-12"))->cutoff, D("2027-01-05"));

    // A month past its cut-off cannot be overridden, nor a cut-off set in the past.
    Window w = *october;
    w.cutoff = D("2026-12-20");
    auto refused = OverrideWindow(*store_, admin_, w, D("2026-12-10"));
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("passed on 2026-11-26"), std::string::npos) << refused.error().message;
    Window january = *Timetable::Load(*store_)->For(*core::Period::Parse("2027-01"));
    january.cutoff = D("2026-12-09");
    january.opens = D("2026-12-01");
    EXPECT_FALSE(OverrideWindow(*store_, admin_, january, D("2026-12-10")));
    january.cutoff = D("2027-02-10");
    january.opens = D("2027-02-01");
    EXPECT_TRUE(OverrideWindow(*store_, admin_, january, D("2026-12-10")));
}

INSTANTIATE_TEST_SUITE_P(Backends, MonthCloseTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return store::BackendName(param_info.param); });

}  // namespace
}  // namespace did::service
