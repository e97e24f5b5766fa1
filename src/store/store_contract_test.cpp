// The storage contract: every test runs against SQLite and PostgreSQL alike.

#include <gtest/gtest.h>

#include <map>

#include "store/audit_log.hpp"
#include "store/bundle_note_table.hpp"
#include "store/catalogue_table.hpp"
#include "store/engagement_table.hpp"
#include "store/last_good_file_table.hpp"
#include "store/local_code_table.hpp"
#include "store/migration_scripts.hpp"
#include "store/organisation_table.hpp"
#include "store/postcode_table.hpp"
#include "store/record_table.hpp"
#include "store/refdata_import_table.hpp"
#include "store/store.hpp"
#include "store/submission_table.hpp"
#include "store/test_databases.hpp"
#include "store/test_store.hpp"
#include "store/timetable_table.hpp"

namespace did::store {
namespace {

class StoreContractTest : public ::testing::TestWithParam<Backend>, protected TestStore {
  protected:
    void SetUp() override {
        OpenTestStore(GetParam());
        if (!store_) return;
    }

    SubmissionRow Submission(const std::string& provider, const std::string& period, const std::string& status,
                             const std::string& sha) {
        SubmissionRow s;
        s.provider = provider;
        s.period = Month(period);
        s.status = *ParseSubmissionStatus(status);
        s.file_name = "extract.csv";
        s.file_sha256 = sha;
        s.file_bytes = 1234;
        s.submitted_at = "2026-11-05T10:00:00Z";
        s.received_on = Day("2026-11-05");
        s.submitted_by = "tester";
        s.origin = "cli@test";
        s.records_total = 10;
        s.accepted = 9;
        s.rejected = 1;
        return s;
    }

    static TimetableOverrideRow Window(std::string_view period, std::string_view opens, std::string_view cutoff,
                                       std::string_view provisional, std::string_view final) {
        return {Month(period), Day(opens), Day(cutoff), Day(provisional), Day(final)};
    }
};

TEST_P(StoreContractTest, MigratesOnceToTheLatestVersion) {
    auto version = SchemaVersion(store_->db());
    ASSERT_TRUE(version);
    EXPECT_EQ(*version, LatestSchemaVersion(store_->dialect()));
    auto again = Store::Open(database_->url());
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(*SchemaVersion((*again)->db()), *version);
}

// Findings keep the site code and accession number of their record, read back in line order
// with the rest; a file-level finding has them empty, never NULL.
TEST_P(StoreContractTest, FindingsKeepTheirRecordsSiteAndAccessionNumber) {
    RecordTable records(store_->db());
    ASSERT_TRUE(store_->InTransaction([&]() -> core::Status {
        auto loader = records.Loader(BulkTable::kFindings);
        if (!loader) return core::Fail(loader.error());
        const std::string_view empty = "";
        for (const BulkRow& row :
             {BulkRow{int64_t{4}, int64_t{1}, "DIDC-HEADER", "file", "FILE", empty, "header", empty, empty},
              BulkRow{int64_t{4}, int64_t{12}, "DIDS001", "reject", "NHS NUMBER", "1", "m", "RXX01", "=ACC,1\n"},
              BulkRow{int64_t{4}, int64_t{13}, "DIDS014", "reject", "GENDER", "7", "m", empty, empty}}) {
            if (auto added = (*loader)->Add(row); !added) return added;
        }
        return (*loader)->Finish();
    }));
    std::vector<std::tuple<int64_t, std::string, std::string, std::string>> read;
    ASSERT_TRUE(records.ForEachFinding(4, [&](const FindingRow& f) {
        read.emplace_back(f.line, f.site_code, f.accession_number, f.rule);
        return true;
    }));
    EXPECT_EQ(read, (std::vector<std::tuple<int64_t, std::string, std::string, std::string>>{
                        {1, "", "", "DIDC-HEADER"}, {12, "RXX01", "=ACC,1\n", "DIDS001"}, {13, "", "", "DIDS014"}}));
}

// Findings stored before they had a site and accession number are still read, with both empty.
TEST_P(StoreContractTest, FindingsStoredBeforeTheyHadAPlaceReadWithItEmpty) {
    TestDatabase older(GetParam());
    auto db = Connect(older.url());
    ASSERT_TRUE(db) << db.error().message;
    const bool sqlite = GetParam() == Backend::kSqlite;
    ASSERT_TRUE((*db)->ExecuteScript(sqlite ? SqliteMigration001() : PostgresMigration001()));
    ASSERT_TRUE((*db)->ExecuteScript(sqlite ? SqliteMigration002() : PostgresMigration002()));
    ASSERT_TRUE(
        (*db)->ExecuteScript("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL); "
                             "INSERT INTO schema_migrations VALUES (1, 'test'); "
                             "INSERT INTO schema_migrations VALUES (2, 'test'); "
                             "INSERT INTO findings (submission_id, line, rule, severity, field, value, message) "
                             "VALUES (1, 5, 'DIDS001', 'reject', 'NHS NUMBER', '1', 'm')"));
    auto opened = Store::Open(older.url(), IfMissing::kFail);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(*SchemaVersion((*opened)->db()), LatestSchemaVersion((*opened)->dialect()));
    RecordTable migrated((*opened)->db());
    int seen = 0;
    ASSERT_TRUE(migrated.ForEachFinding(1, [&](const FindingRow& f) {
        ++seen;
        EXPECT_EQ(f.line, 5);
        EXPECT_EQ(f.site_code, "");
        EXPECT_EQ(f.accession_number, "");
        EXPECT_EQ(f.value, "1");
        return true;
    }));
    EXPECT_EQ(seen, 1);
}

TEST_P(StoreContractTest, OrganisationsAreReplacedKindByKind) {
    OrganisationTable table(store_->db());
    ASSERT_TRUE(store_->InTransaction([&] {
        return table.ReplaceKind("gp", {{"B82005", "Practice A", "", "QWO", "LS1 4AP", "1974-04-01", "", "Y63", "QWO"},
                                        {"B82006", "Practice B", "", "QWO", "", "1990-01-01", "2020-03-31", "", ""}});
    }));
    ASSERT_TRUE(store_->InTransaction([&] {
        return table.ReplaceKind("site", {{"RH802", "Site", "", "RH8", "", "", "", "Y60", ""}});
    }));
    ASSERT_TRUE(store_->InTransaction([&] {
        return table.ReplaceKind("gp", {{"B82007", "Practice C", "", "", "", "", "", "", "QHM"}});
    }));
    EXPECT_EQ(*table.Count("gp"), 1);
    EXPECT_EQ(*table.Count("site"), 1);
    std::vector<OrganisationRow> rows;
    ASSERT_TRUE(table.ForEach([&](const OrganisationRow& r) { rows.push_back(r); }));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].code, "B82007");
    EXPECT_EQ(rows[0].kind, "gp");
    EXPECT_EQ(rows[1].parent, "RH8");
    EXPECT_EQ(rows[1].region, "Y60");
    EXPECT_EQ(rows[0].region, "");
    EXPECT_EQ(rows[0].icb, "QHM");
    EXPECT_EQ(rows[1].icb, "");

    auto site = table.Find("RH802");
    ASSERT_TRUE(site && *site);
    EXPECT_EQ((*site)->name, "Site");
    EXPECT_EQ((*site)->kind, "site");
    auto gone = table.Find("B82005");  // replaced with its kind
    ASSERT_TRUE(gone);
    EXPECT_FALSE(*gone);
}

TEST_P(StoreContractTest, PostcodesAndSnapshots) {
    PostcodeTable table(store_->db());
    std::vector<PostcodeRow> input = {{"LS1 4AP", "", "E08000035", "E12000003", "E01033010", "E54000054"},
                                      {"LS1 9ZZ", "2001-06-01", "E08000035", "", "", ""}};
    ASSERT_TRUE(store_->InTransaction([&]() -> core::Status {
        auto count = table.Replace([&](const PostcodeTable::AddRow& add) -> core::Status {
            for (const PostcodeRow& row : input) {
                if (auto added = add(row); !added) return added;
            }
            return {};
        });
        if (!count) return core::Fail(count.error());
        EXPECT_EQ(*count, 2);
        return {};
    }));
    EXPECT_EQ(*table.Count(), 2);
    auto found = table.Find("LS1 9ZZ");
    ASSERT_TRUE(found && *found);
    EXPECT_EQ((*found)->terminated, "2001-06-01");
    EXPECT_FALSE(*table.Find("LS1 1AA"));

    const std::string bytes("\x00\x01\xFFpostcodes\x00", 13);
    ASSERT_TRUE(table.PutSnapshot("postcodes", "2026-11-28T00:00:00Z", bytes));
    auto snapshot = table.Snapshot("postcodes");
    ASSERT_TRUE(snapshot && *snapshot);
    EXPECT_EQ(**snapshot, bytes);
    EXPECT_FALSE(*table.Snapshot("missing"));
}

TEST_P(StoreContractTest, TimetableSettingsOverridesAndExceptions) {
    TimetableTable table(store_->db());
    ASSERT_TRUE(table.PutSetting("cutoff_day", "26"));
    ASSERT_TRUE(table.PutSetting("cutoff_day", "25"));
    EXPECT_EQ(**table.Setting("cutoff_day"), "25");
    EXPECT_FALSE(*table.Setting("nothing"));
    ASSERT_TRUE(table.PutOverride(Window("2026-12", "2027-01-04", "2027-01-27", "2027-01-31", "2027-06-30")));
    EXPECT_EQ((*table.Override(Month("2026-12")))->cutoff, Day("2027-01-27"));
    ASSERT_TRUE(table.PutException(
        {"RXX", Month("2026-04"), Day("2026-12-31"), "RIS migration", "admin", "2026-11-01T09:00:00Z"}));
    EXPECT_EQ((*table.Exception("RXX", Month("2026-04")))->until, Day("2026-12-31"));
    EXPECT_FALSE(*table.Exception("RXX", Month("2026-05")));
    EXPECT_EQ(table.Exceptions()->size(), 1u);
}

// A month or a date the timetable's tables hold that this code did not write is an error
// naming the row, whether it is read alone or in a list.
TEST_P(StoreContractTest, TimetableRowsReadBackTypedAndAnUnreadableOneIsNamed) {
    TimetableTable table(store_->db());
    ASSERT_TRUE(table.PutOverride(Window("2026-12", "2027-01-04", "2027-01-27", "2027-01-31", "2027-06-30")));
    ASSERT_TRUE(table.Freeze(Window("2026-10", "2026-11-01", "2026-11-26", "2026-11-30", "2027-04-30"),
                             "2026-12-01T09:00:00Z"));
    ASSERT_TRUE(
        table.PutException({"RXX", Month("2026-04"), Day("2026-12-31"), "late", "admin", "2026-11-01T09:00:00Z"}));
    auto frozen = table.Frozen(Month("2026-10"));
    ASSERT_TRUE(frozen && *frozen);
    EXPECT_EQ((*frozen)->period, Month("2026-10"));
    EXPECT_EQ((*frozen)->final, Day("2027-04-30"));

    ASSERT_TRUE(store_->db().Execute("UPDATE timetable_overrides SET final = 'soon' WHERE period = '2026-12'"));
    auto override_row = table.Override(Month("2026-12"));
    ASSERT_FALSE(override_row);
    EXPECT_NE(override_row.error().message.find("timetable_overrides row for 2026-12"), std::string::npos);
    EXPECT_FALSE(table.Overrides());

    ASSERT_TRUE(store_->db().Execute("UPDATE frozen_windows SET opens = '2026-11-31' WHERE period = '2026-10'"));
    auto frozen_row = table.Frozen(Month("2026-10"));
    ASSERT_FALSE(frozen_row);
    EXPECT_NE(frozen_row.error().message.find("frozen_windows row for 2026-10"), std::string::npos);

    ASSERT_TRUE(store_->db().Execute("UPDATE window_exceptions SET until = 'never' WHERE provider = 'RXX'"));
    auto exception = table.Exception("RXX", Month("2026-04"));
    ASSERT_FALSE(exception);
    EXPECT_NE(exception.error().message.find("exception for RXX 2026-04"), std::string::npos);
    EXPECT_FALSE(table.Exceptions());
}

// A month's dates are frozen once: freezing it again keeps the first dates. The first month in
// use is the earliest a submission, an expected provider or an exception names.
TEST_P(StoreContractTest, FrozenMonthsKeepTheirFirstDates) {
    TimetableTable table(store_->db());
    EXPECT_FALSE(*table.FirstPeriodInUse());
    ASSERT_TRUE(table.Freeze(Window("2026-10", "2026-11-01", "2026-11-26", "2026-11-30", "2027-04-30"),
                             "2026-12-01T09:00:00Z"));
    ASSERT_TRUE(table.Freeze(Window("2026-10", "2026-11-01", "2026-11-20", "2026-11-30", "2027-04-30"),
                             "2026-12-02T09:00:00Z"));
    EXPECT_EQ((*table.Frozen(Month("2026-10")))->cutoff, Day("2026-11-26"));
    EXPECT_FALSE(*table.Frozen(Month("2026-11")));
    EXPECT_FALSE(*table.Override(Month("2026-10")));  // frozen is not overridden

    ASSERT_TRUE(EngagementTable(store_->db()).PutExpected({"RXX", Month("2026-04"), std::nullopt}));
    EXPECT_EQ(**table.FirstPeriodInUse(), Month("2026-04"));
    ASSERT_TRUE(
        table.PutException({"RYY", Month("2025-12"), Day("2026-12-31"), "late", "admin", "2026-11-01T09:00:00Z"}));
    EXPECT_EQ(**table.FirstPeriodInUse(), Month("2025-12"));
    auto id = SubmissionTable(store_->db()).Insert(Submission("RXX", "2025-07", "current", "a"));
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(**table.FirstPeriodInUse(), Month("2025-07"));
}

// The last good files: one row per provider, month and stage, replaced when put again; a
// month without a usable file records none.
TEST_P(StoreContractTest, LastGoodFilesAreRecordedPerProviderMonthAndStage) {
    constexpr LastGoodFileStage kProvisional = LastGoodFileStage::kProvisional;
    constexpr LastGoodFileStage kFinal = LastGoodFileStage::kFinal;
    const core::Period october = Month("2026-10");
    LastGoodFileTable table(store_->db());
    EXPECT_FALSE(*table.Get("RXX", october, kProvisional));
    ASSERT_TRUE(table.Put({"RXX", october, kProvisional, 7, "2026-11-27T09:00:00Z", "at the cut-off"}));
    ASSERT_TRUE(table.Put({"RYY", october, kProvisional, std::nullopt, "2026-11-27T09:00:00Z", "at the cut-off"}));
    ASSERT_TRUE(table.Put({"RXX", october, kFinal, 8, "2027-05-01T09:00:00Z", "at the final deadline"}));
    ASSERT_TRUE(table.Put({"RXX", october, kFinal, 9, "2027-05-10T09:00:00Z", "under an exception"}));
    ASSERT_TRUE(table.Put({"RXX", Month("2026-11"), kFinal, 10, "2027-06-01T09:00:00Z", "at the final deadline"}));
    auto provisional = table.Get("RXX", october, kProvisional);
    ASSERT_TRUE(provisional) << provisional.error().message;
    EXPECT_EQ((*provisional)->submission_id, 7);
    auto final = *table.Get("RXX", october, kFinal);
    EXPECT_EQ(final->submission_id, 9);
    EXPECT_EQ(final->note, "under an exception");
    EXPECT_EQ(final->recorded_at, "2027-05-10T09:00:00Z");
    EXPECT_FALSE((*table.Get("RYY", october, kProvisional))->submission_id);
    auto month = table.ForPeriod(october);
    ASSERT_TRUE(month) << month.error().message;
    ASSERT_EQ(month->size(), 3u);
    EXPECT_EQ((*month)[0].provider, "RXX");
    EXPECT_EQ((*month)[0].period, october);
    EXPECT_EQ((*month)[0].stage, kProvisional);
    EXPECT_EQ((*month)[1].stage, kFinal);
    EXPECT_EQ((*month)[2].provider, "RYY");
    // Only the two stages, in the database too.
    EXPECT_FALSE(
        store_->db().Execute("INSERT INTO last_good_files (provider, period, stage, submission_id, recorded_at, note) "
                             "VALUES ('RXX', '2026-10', 'draft', 1, '2026-11-27T09:00:00Z', '')"));
}

// The database allows only the two stages, and the table looks rows up by their month: a
// stage it does not know is reached only where the check has gone, and is then an error
// naming the row, read alone or with its month.
TEST_P(StoreContractTest, LastGoodFileRowsReadBackTypedAndAnUnreadableOneIsNamed) {
    LastGoodFileTable table(store_->db());
    ASSERT_TRUE(table.Put(
        {"RXX", Month("2026-10"), LastGoodFileStage::kFinal, 7, "2027-05-01T09:00:00Z", "at the final deadline"}));
    ASSERT_TRUE(store_->db().Execute(GetParam() == Backend::kSqlite
                                         ? "PRAGMA ignore_check_constraints = ON"
                                         : "ALTER TABLE last_good_files DROP CONSTRAINT last_good_files_stage_check"));
    ASSERT_TRUE(store_->db().Execute("UPDATE last_good_files SET stage = 'draft' WHERE provider = 'RXX'"));
    auto month = table.ForPeriod(Month("2026-10"));
    ASSERT_FALSE(month);
    EXPECT_NE(month.error().message.find("last good file of RXX 2026-10 draft"), std::string::npos);
    EXPECT_FALSE(*table.Get("RXX", Month("2026-10"), LastGoodFileStage::kFinal));
}

TEST_P(StoreContractTest, RulesOfEngagement) {
    EngagementTable table(store_->db());
    ASSERT_TRUE(table.PutExpected({"RXX", Month("2026-04"), std::nullopt}));
    ASSERT_TRUE(table.PutExpected({"RYY", Month("2026-04"), Month("2026-09")}));
    ASSERT_TRUE(table.PutAgreement({"RXX", "RYY", Month("2026-04"), std::nullopt}));
    ASSERT_TRUE(table.PutExclusion({"site", "RXX09", "breast screening"}));
    ASSERT_TRUE(table.PutExclusion({"code", "XMAMB", "screening mammography"}));
    auto expected = table.Expected();
    ASSERT_TRUE(expected) << expected.error().message;
    ASSERT_EQ(expected->size(), 2u);
    EXPECT_EQ((*expected)[0].from_period, Month("2026-04"));
    EXPECT_FALSE((*expected)[0].until_period);
    EXPECT_EQ((*expected)[1].until_period, Month("2026-09"));
    EXPECT_TRUE((*expected)[1].covers(Month("2026-09")));
    EXPECT_FALSE((*expected)[1].covers(Month("2026-10")));
    EXPECT_FALSE((*expected)[1].covers(Month("2026-03")));
    auto agreements = table.Agreements();
    ASSERT_TRUE(agreements) << agreements.error().message;
    EXPECT_EQ((*agreements)[0].organisation, "RYY");
    EXPECT_EQ((*agreements)[0].from_period, Month("2026-04"));
    EXPECT_FALSE((*agreements)[0].until_period);
    EXPECT_TRUE((*agreements)[0].covers(Month("2030-01")));
    EXPECT_EQ(table.Exclusions()->size(), 2u);
    ASSERT_TRUE(table.RemoveExclusion("site", "RXX09"));
    EXPECT_EQ(table.Exclusions()->size(), 1u);
}

// An open-ended span is stored as NULL; an empty until month reads as open-ended too. A month
// this code did not write is an error naming the row.
TEST_P(StoreContractTest, EngagementRowsReadBackTypedAndAnUnreadableOneIsNamed) {
    EngagementTable table(store_->db());
    ASSERT_TRUE(table.PutExpected({"RXX", Month("2026-04"), std::nullopt}));
    ASSERT_TRUE(table.PutAgreement({"RXX", "RYY", Month("2026-04"), Month("2026-06")}));
    auto stored = store_->db().QueryOne("SELECT until_period FROM expected_submitters WHERE provider = 'RXX'");
    ASSERT_TRUE(stored && *stored);
    EXPECT_TRUE((*stored)->IsNull(0));
    ASSERT_TRUE(store_->db().Execute("UPDATE agreements SET until_period = ''"));
    auto agreements = table.Agreements();
    ASSERT_TRUE(agreements) << agreements.error().message;
    EXPECT_FALSE((*agreements)[0].until_period);

    ASSERT_TRUE(store_->db().Execute("UPDATE expected_submitters SET until_period = '2026-13'"));
    auto expected = table.Expected();
    ASSERT_FALSE(expected);
    EXPECT_NE(expected.error().message.find("expected provider RXX"), std::string::npos);
    ASSERT_TRUE(store_->db().Execute("UPDATE agreements SET from_period = 'April'"));
    agreements = table.Agreements();
    ASSERT_FALSE(agreements);
    EXPECT_NE(agreements.error().message.find("agreement of RXX for RYY from April"), std::string::npos);
}

TEST_P(StoreContractTest, LocalCodesAreNotifiedThenDecided) {
    constexpr LocalCodeStatus kNotified = LocalCodeStatus::kNotified;
    constexpr LocalCodeStatus kApproved = LocalCodeStatus::kApproved;
    LocalCodeTable table(store_->db());
    ASSERT_TRUE(table.Notify({"RXX", "ZCHX1", "XCHES", kNotified, "submitter", "2026-11-01T09:00:00Z", "", "", ""}));
    EXPECT_EQ((*table.Find("RXX", "ZCHX1"))->status, kNotified);
    ASSERT_TRUE(table.Decide("RXX", "ZCHX1", kApproved, "admin", "2026-11-02T09:00:00Z", ""));
    EXPECT_EQ((*table.Find("RXX", "ZCHX1"))->status, kApproved);
    EXPECT_EQ(table.List("RXX", kApproved)->size(), 1u);
    EXPECT_EQ(table.List("RXX", std::nullopt)->size(), 1u);
    EXPECT_EQ(table.List("RXX", LocalCodeStatus::kRefused)->size(), 0u);
    // A changed meaning needs a new decision.
    ASSERT_TRUE(table.Notify({"RXX", "ZCHX1", "UABDO", kApproved, "submitter", "2026-11-03T09:00:00Z", "", "", ""}));
    EXPECT_EQ((*table.Find("RXX", "ZCHX1"))->status, kNotified);
    EXPECT_EQ(table.List("", kApproved)->size(), 0u);
}

// A status this code did not write is an error naming the code, found alone or listed.
TEST_P(StoreContractTest, LocalCodeRowsWithAnUnreadableStatusAreNamed) {
    LocalCodeTable table(store_->db());
    ASSERT_TRUE(table.Put({"RXX", "ZCHX1", "XCHES", LocalCodeStatus::kRefused, "submitter", "2026-11-01T09:00:00Z",
                           "admin", "2026-11-02T09:00:00Z", "not a chest code"}));
    auto refused = table.Find("RXX", "ZCHX1");
    ASSERT_TRUE(refused && *refused);
    EXPECT_EQ((*refused)->status, LocalCodeStatus::kRefused);
    ASSERT_TRUE(store_->db().Execute("UPDATE local_codes SET status = 'pending'"));
    auto found = table.Find("RXX", "ZCHX1");
    ASSERT_FALSE(found);
    EXPECT_NE(found.error().message.find("local code ZCHX1 of RXX"), std::string::npos);
    EXPECT_FALSE(table.List("", std::nullopt));
}

TEST_P(StoreContractTest, OneCurrentFilePerProviderAndPeriod) {
    SubmissionTable table(store_->db());
    auto first = table.Insert(Submission("RXX", "2026-10", "current", "aaa"));
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_FALSE(table.Insert(Submission("RXX", "2026-10", "current", "bbb")));     // unique current
    EXPECT_FALSE(table.Insert(Submission("RXX", "2026-10", "superseded", "aaa")));  // a usable file twice
    auto second = table.Insert(Submission("RXX", "2026-10", "rejected", "bbb"));
    ASSERT_TRUE(second);
    EXPECT_TRUE(table.Insert(Submission("RXX", "2026-10", "rejected", "bbb")));  // an unusable one may come again
    EXPECT_FALSE(*table.ByFile("RXX", Month("2026-10"), "bbb"));
    ASSERT_TRUE(store_->InTransaction([&]() -> core::Status {
        if (auto s = table.Supersede(*first, *second, "2026-11-06T00:00:00Z"); !s) return s;
        auto third = table.Insert(Submission("RXX", "2026-10", "current", "ccc"));
        if (!third) return core::Fail(third.error());
        return {};
    }));
    EXPECT_EQ((*table.Current("RXX", Month("2026-10")))->file_sha256, "ccc");
    EXPECT_EQ((*table.Get(*first))->status, SubmissionStatus::kSuperseded);
    EXPECT_EQ(*(*table.Get(*first))->superseded_by, *second);
    EXPECT_EQ((*table.ByFile("RXX", Month("2026-10"), "ccc"))->status, SubmissionStatus::kCurrent);
    EXPECT_EQ(table.List(Month("2026-10"), "")->size(), 4u);
    EXPECT_EQ(table.List(Month("2026-11"), "")->size(), 0u);
}

TEST_P(StoreContractTest, SubmissionRowsReadBackTypedAndAnUnreadableOneIsNamed) {
    SubmissionTable table(store_->db());
    auto id = table.Insert(Submission("RXX", "2026-10", "rejected", "aaa"));
    ASSERT_TRUE(id) << id.error().message;
    auto row = table.Get(*id);
    ASSERT_TRUE(row && *row);
    EXPECT_EQ((*row)->period, Month("2026-10"));
    EXPECT_EQ((*row)->received_on, Day("2026-11-05"));
    EXPECT_EQ((*row)->status, SubmissionStatus::kRejected);
    EXPECT_FALSE((*row)->usable());

    // Not something this code writes: a status it does not know is an error naming the row.
    ASSERT_TRUE(store_->db().Execute("UPDATE submissions SET status = 'lost' WHERE id = ?", {*id}));
    auto unreadable = table.Get(*id);
    ASSERT_FALSE(unreadable);
    EXPECT_NE(unreadable.error().message.find("submission " + std::to_string(*id)), std::string::npos);
    EXPECT_FALSE(table.List(Month("2026-10"), ""));
}

TEST_P(StoreContractTest, FeedbackIsSetAfterTheSubmissionAndCleared) {
    SubmissionTable table(store_->db());
    auto id = table.Insert(Submission("RXX", "2026-10", "current", "aaa"));
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_FALSE((*table.Get(*id))->prep_minutes);
    ASSERT_TRUE(table.SetFeedback(*id, 45, "two people, half a day"));
    auto row = table.Get(*id);
    ASSERT_TRUE(row && *row);
    EXPECT_EQ((*row)->prep_minutes, 45);
    EXPECT_EQ((*row)->comment, "two people, half a day");
    ASSERT_TRUE(table.SetFeedback(*id, std::nullopt, ""));
    row = table.Get(*id);
    EXPECT_FALSE((*row)->prep_minutes);
    EXPECT_EQ((*row)->comment, "");
    EXPECT_EQ((*row)->status, SubmissionStatus::kCurrent);
}

TEST_P(StoreContractTest, RecordsFindingsAndCubeLoadInBulkAndRoundTrip) {
    SubmissionTable submissions(store_->db());
    RecordTable records(store_->db());
    ASSERT_TRUE(records.EnsurePartition(Month("2026-10")));
    ASSERT_TRUE(records.EnsurePartition(Month("2026-10")));  // idempotent
    int64_t id = 0;
    const std::string awkward = "tab\there\nnew line \\ back \"quote\" é\r\\N";
    ASSERT_TRUE(store_->InTransaction([&]() -> core::Status {
        auto inserted = submissions.Insert(Submission("RXX", "2026-10", "current", "aaa"));
        if (!inserted) return core::Fail(inserted.error());
        id = *inserted;
        auto loader = records.RecordLoader(Month("2026-10"));
        if (!loader) return core::Fail(loader.error());
        for (int64_t line = 2; line < 1002; ++line) {
            const std::string accession = line == 2 ? awkward : "ACC" + std::to_string(line);
            BulkRow row = {id, line, "2026-10"};
            for (int f = 0; f < 18; ++f) row.push_back(f == 16 ? BulkValue("RH802") : BulkValue{});
            row[20] = accession;
            row[3] = "4010232137";
            row[15] = "2026-10-10";
            row[16] = "XCHES";
            row.emplace_back();                                // local_code
            row.emplace_back(int64_t{0});                      // excluded
            row.emplace_back(line == 2 ? int64_t{-5} : line);  // content_hash is a signed 64-bit value
            if (auto added = (*loader)->Add(row); !added) return added;
        }
        if (auto done = (*loader)->Finish(); !done) return done;
        auto findings = records.Loader(BulkTable::kFindings);
        if (!findings) return core::Fail(findings.error());
        if (auto a = (*findings)->Add(
                {id, int64_t{7}, "DIDS001", "reject", "NHS NUMBER", awkward, "message", "RH802", awkward});
            !a)
            return a;
        if (auto f = (*findings)->Finish(); !f) return f;
        auto cube = records.Loader(BulkTable::kCubeActivity);
        if (!cube) return core::Fail(cube.error());
        if (auto a = (*cube)->Add({id, "RXX", "2026-10", "RH802", "XCHES", "Plain Radiography", "04", int64_t{0},
                                   int64_t{0}, int64_t{1000}});
            !a) {
            return a;
        }
        if (auto a = (*cube)->Add({id, "RXX", "2026-10", "RH802", "UABDO", "Diagnostic Ultrasonography", "04",
                                   int64_t{0}, int64_t{0}, int64_t{3}});
            !a) {
            return a;
        }
        return (*cube)->Finish();
    }));
    EXPECT_EQ(*records.CountRecords(id), 1000);
    EXPECT_EQ(*records.CountFindings(id), 1);
    ASSERT_TRUE(records.ForEachFinding(id, [&](const FindingRow& f) {
        EXPECT_EQ(f.site_code, "RH802");
        EXPECT_EQ(f.accession_number, awkward);
        EXPECT_EQ(f.value, awkward);
        return true;
    }));
    size_t digests = 0;
    bool saw_awkward = false;
    ASSERT_TRUE(records.ForEachDigest(id, [&](std::string_view site, std::string_view accession, uint64_t hash) {
        ++digests;
        EXPECT_EQ(site, "RH802");
        if (accession == awkward) {
            saw_awkward = true;
            EXPECT_EQ(static_cast<int64_t>(hash), -5);
        }
    }));
    EXPECT_EQ(digests, 1000u);
    EXPECT_TRUE(saw_awkward);
    size_t seen = 0;
    ASSERT_TRUE(records.ForEachExamination(Month("2026-10"), "RYY", {"RH802"}, {}, [&](const StoredExamination& e) {
        ++seen;
        EXPECT_EQ(e.provider, "RXX");
        EXPECT_EQ(e.nhs_number, "4010232137");
        EXPECT_EQ(e.test_date, "2026-10-10");
    }));
    EXPECT_EQ(seen, 1000u);
    seen = 0;
    ASSERT_TRUE(
        records.ForEachExamination(Month("2026-10"), "RXX", {"RH802"}, {}, [&](const StoredExamination&) { ++seen; }));
    EXPECT_EQ(seen, 0u);  // a provider's own records are not "another provider's"
    ASSERT_TRUE(
        records.ForEachExamination(Month("2026-10"), "RYY", {}, {"RH8"}, [&](const StoredExamination&) { ++seen; }));
    EXPECT_EQ(seen, 1000u);
    seen = 0;
    ASSERT_TRUE(records.ForEachExamination(Month("2026-10"), "RYY", {"RH803"}, {"RXX"},
                                           [&](const StoredExamination&) { ++seen; }));
    EXPECT_EQ(seen, 0u);
}

// A value larger than the loader's send buffer goes through whole; on PostgreSQL, where
// columns have widths, a number too wide for its column is refused by the column's name.
TEST_P(StoreContractTest, BulkLoadsTakeHugeValuesAndNameATooWideNumbersColumn) {
    RecordTable records(store_->db());
    ASSERT_TRUE(records.EnsurePartition(Month("2026-10")));
    const std::string huge(3'000'000, 'x');
    ASSERT_TRUE(store_->InTransaction([&]() -> core::Status {
        auto findings = records.Loader(BulkTable::kFindings);
        if (!findings) return core::Fail(findings.error());
        for (int64_t line = 1; line <= 3; ++line) {
            if (auto a = (*findings)->Add({int64_t{9}, line, "DIDS001", "reject", "F", huge, "m", "RH802", huge}); !a)
                return a;
        }
        return (*findings)->Finish();
    }));
    auto stored = store_->db().QueryOne(
        "SELECT COUNT(*), MIN(LENGTH(value)), MIN(LENGTH(accession_number)) FROM findings WHERE submission_id = 9");
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ((*stored)->Int(0), 3);
    EXPECT_EQ((*stored)->Int(1), 3'000'000);
    EXPECT_EQ((*stored)->Int(2), 3'000'000);

    if (store_->db().dialect() != Dialect::kPostgres) return;
    const auto refused = store_->InTransaction([&]() -> core::Status {
        auto loader = records.RecordLoader(Month("2026-10"));
        if (!loader) return core::Fail(loader.error());
        BulkRow row = {int64_t{10}, int64_t{2}, "2026-10"};
        for (int f = 0; f < 19; ++f) row.emplace_back();
        row.emplace_back(int64_t{70000});  // excluded, a SMALLINT
        row.emplace_back(int64_t{1});
        if (auto a = (*loader)->Add(row); !a) return a;
        return (*loader)->Finish();
    });
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message, "'70000' does not fit column excluded");
}

TEST_P(StoreContractTest, ARolledBackTransactionLeavesNothing) {
    SubmissionTable submissions(store_->db());
    auto status = store_->InTransaction([&]() -> core::Status {
        if (auto id = submissions.Insert(Submission("RXX", "2026-10", "current", "aaa")); !id)
            return core::Fail(id.error());
        return core::Fail(core::Error::Internal("changed my mind"));
    });
    EXPECT_FALSE(status);
    EXPECT_TRUE(submissions.List(std::nullopt, "")->empty());
}

TEST_P(StoreContractTest, AuditLogIsChainedAndAppendOnly) {
    AuditLog log(store_->db());
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(store_->InTransaction([&]() -> core::Status {
            auto e = log.Append({0, "2026-11-05T10:00:0" + std::to_string(i) + "Z", "admin", "cli@test",
                                 "setting.changed", "cutoff_day", "{\"value\":" + std::to_string(i) + "}", "", ""});
            if (!e) return core::Fail(e.error());
            EXPECT_EQ(e->seq, i + 1);
            return {};
        }));
    }
    auto verdict = VerifyAuditChain(log);
    ASSERT_TRUE(verdict);
    EXPECT_TRUE(verdict->intact);
    EXPECT_EQ(verdict->entries, 5);
    EXPECT_FALSE(store_->db().Execute("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2"));
    EXPECT_FALSE(store_->db().Execute("DELETE FROM audit_log WHERE seq = 5"));
    EXPECT_TRUE(VerifyAuditChain(log)->intact);
}

TEST_P(StoreContractTest, AuditEntriesAreCountedBySubject) {
    AuditLog log(store_->db());
    ASSERT_TRUE(store_->InTransaction([&]() -> core::Status {
        for (const auto& [action, subject] :
             {std::pair{"submission.stored", "RXX 2026-10"}, std::pair{"submission.refused", "RXX 2026-10"},
              std::pair{"submission.held_back", "RYY 2026-10"}, std::pair{"submission.stored", "RXX 2026-11"},
              std::pair{"exception.granted", "RXX 2026-10"}, std::pair{"submissions_x", "RXX 2026-10"}}) {
            auto e = log.Append({0, "2026-11-05T10:00:00Z", "admin", "cli@test", action, subject, "{}", "", ""});
            if (!e) return core::Fail(e.error());
        }
        return {};
    }));
    auto counts = log.CountBySubject("submission.", " 2026-10");
    ASSERT_TRUE(counts) << counts.error().message;
    EXPECT_EQ(*counts, (std::map<std::string, int64_t>{{"RXX 2026-10", 2}, {"RYY 2026-10", 1}}));
    EXPECT_TRUE(log.CountBySubject("submission.", " 2026-12")->empty());
}

// A duplicate is listed while both files are their provider's current file for the month.
TEST_P(StoreContractTest, DuplicatesAreListedBetweenCurrentFilesOnly) {
    SubmissionTable submissions(store_->db());
    RecordTable records(store_->db());
    int64_t rxx = 0;
    int64_t ryy = 0;
    ASSERT_TRUE(store_->InTransaction([&]() -> core::Status {
        rxx = *submissions.Insert(Submission("RXX", "2026-10", "current", "aaa"));
        ryy = *submissions.Insert(Submission("RYY", "2026-10", "current", "bbb"));
        auto loader = records.Loader(BulkTable::kDuplicates);
        if (!loader) return core::Fail(loader.error());
        for (int64_t line : {2, 3}) {
            if (auto a = (*loader)->Add({ryy, line, "RXX", rxx}); !a) return a;
        }
        return (*loader)->Finish();
    }));
    auto listed = records.CurrentDuplicates(Month("2026-10"));
    ASSERT_TRUE(listed) << listed.error().message;
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_EQ((*listed)[0].provider, "RYY");
    EXPECT_EQ((*listed)[0].line, 2);
    EXPECT_EQ((*listed)[0].other_provider, "RXX");
    EXPECT_EQ((*listed)[0].other_submission_id, rxx);
    EXPECT_TRUE(records.CurrentDuplicates(Month("2026-11"))->empty());
    // RXX's file, the one repeated, is superseded.
    ASSERT_TRUE(store_->InTransaction([&]() -> core::Status {
        auto newer = submissions.Insert(Submission("RXX", "2026-10", "loading", "ccc"));
        if (!newer) return core::Fail(newer.error());
        if (auto s = submissions.Supersede(rxx, *newer, "2026-11-06T10:00:00Z"); !s) return s;
        return store_->db().Execute("UPDATE submissions SET status = 'current' WHERE id = ?", {*newer});
    }));
    EXPECT_TRUE(records.CurrentDuplicates(Month("2026-10"))->empty());
}

TEST_P(StoreContractTest, AnImportedCatalogueReplacesTheLastOne) {
    CatalogueTable table(store_->db());
    EXPECT_EQ(*table.Count(), 0);  // none imported: the shipped one is used
    EXPECT_TRUE(table.List()->empty());
    ASSERT_TRUE(store_->InTransaction([&] {
        return table.Replace({{"XCHES", "399208008", "Plain Radiography", "", ""},
                              {"UABDO", "45036003", "Ultrasound", "2026-06-01", ""}});
    }));
    ASSERT_TRUE(store_->InTransaction([&] {
        return table.Replace({{"XCHES", "399208008", "Plain Radiography", "", ""},
                              {"UABDO", "45036003", "Ultrasound", "2026-06-01", "2026-07-01"},
                              {"CCHES", "169069000", "Computerized Axial Tomography", "", ""}});
    }));
    auto rows = table.List();
    ASSERT_TRUE(rows) << rows.error().message;
    ASSERT_EQ(rows->size(), 3u);
    EXPECT_EQ((*rows)[0].code, "CCHES");  // in code order
    EXPECT_EQ((*rows)[1].code, "UABDO");
    EXPECT_EQ((*rows)[1].nicip_retired_on, "2026-06-01");
    EXPECT_EQ((*rows)[1].snomed_retired_on, "2026-07-01");
    EXPECT_EQ((*rows)[2].snomed_ct_id, "399208008");
    EXPECT_EQ((*rows)[2].nicip_retired_on, "");
    // A failed replacement leaves the catalogue as it was.
    EXPECT_FALSE(store_->InTransaction([&]() -> core::Status {
        if (auto replaced = table.Replace({{"XNEW1", "60027007", "Plain Radiography", "", ""}}); !replaced) {
            return replaced;
        }
        return core::Fail(core::Error::Internal("the import fails after the codes are written"));
    }));
    EXPECT_EQ(*table.Count(), 3);
}

TEST_P(StoreContractTest, ReferenceDataImportsAreRecordedInOrder) {
    RefdataImportTable table(store_->db());
    EXPECT_FALSE(*table.Latest("nicip"));
    ASSERT_TRUE(table.Add({0, "nicip", "2026-11-01T09:00:00Z", "admin", "nicip_2026.csv", "ab12", 2787}));
    ASSERT_TRUE(table.Add({0, "ods.site", "2026-11-02T09:00:00Z", "admin", "ets.csv", "cd34", 12}));
    ASSERT_TRUE(table.Add({0, "nicip", "2026-11-03T09:00:00Z", "other", "nicip_2027.csv", "ef56", 2790}));
    auto latest = table.Latest("nicip");
    ASSERT_TRUE(latest && *latest) << (latest ? "none" : latest.error().message);
    EXPECT_EQ((*latest)->file_name, "nicip_2027.csv");
    EXPECT_EQ((*latest)->imported_by, "other");
    EXPECT_EQ((*latest)->file_sha256, "ef56");
    EXPECT_EQ((*latest)->rows, 2790);
    auto all = table.List();
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 3u);
    EXPECT_EQ((*all)[1].dataset, "ods.site");
    EXPECT_LT((*all)[0].id, (*all)[1].id);
    EXPECT_LT((*all)[1].id, (*all)[2].id);
}

TEST_P(StoreContractTest, ABundleHasOneNoteAndADatabaseNone) {
    BundleNoteTable table(store_->db());
    EXPECT_FALSE(*table.Get());
    ASSERT_TRUE(table.Put({"2026-11-20T10:00:00Z", "admin", "postgresql://did@db/did", true}));
    ASSERT_TRUE(table.Put({"2026-11-21T10:00:00Z", "admin", "sqlite:/data/did.sqlite", false}));
    auto note = table.Get();
    ASSERT_TRUE(note && *note);
    EXPECT_EQ((*note)->exported_at, "2026-11-21T10:00:00Z");
    EXPECT_EQ((*note)->source, "sqlite:/data/did.sqlite");
    EXPECT_FALSE((*note)->postcodes);
}

TEST_P(StoreContractTest, ReferenceDataCanBeCopiedOut) {
    PostcodeTable postcodes(store_->db());
    EXPECT_FALSE(*postcodes.SnapshotDetails("postcodes"));
    ASSERT_TRUE(postcodes.PutSnapshot("postcodes", "2026-11-28T00:00:00Z", std::string(24, 'x')));
    auto details = postcodes.SnapshotDetails("postcodes");
    ASSERT_TRUE(details && *details);
    EXPECT_EQ((*details)->built_at, "2026-11-28T00:00:00Z");
    EXPECT_EQ((*details)->bytes, 24);

    LocalCodeTable codes(store_->db());
    ASSERT_TRUE(codes.Put({"RXX", "LC1", "XCHES", LocalCodeStatus::kApproved, "dm", "2026-10-01T00:00:00Z", "admin",
                           "2026-10-02T00:00:00Z", ""}));
    auto found = codes.Find("RXX", "LC1");
    ASSERT_TRUE(found && *found);
    EXPECT_EQ((*found)->status, LocalCodeStatus::kApproved);
    EXPECT_EQ((*found)->decided_by, "admin");

    TimetableTable timetable(store_->db());
    ASSERT_TRUE(timetable.PutSetting("timetable.cutoff_day", "20"));
    ASSERT_TRUE(timetable.PutSetting("timetable.final_months", "5"));
    ASSERT_TRUE(timetable.PutSetting("other", "x"));
    auto settings = timetable.Settings("timetable.");
    ASSERT_TRUE(settings);
    EXPECT_EQ(*settings, (std::vector<std::pair<std::string, std::string>>{{"timetable.cutoff_day", "20"},
                                                                           {"timetable.final_months", "5"}}));
    ASSERT_TRUE(timetable.PutOverride(Window("2026-12", "2027-01-04", "2027-01-27", "2027-01-31", "2027-06-30")));
    ASSERT_TRUE(timetable.PutOverride(Window("2026-11", "2026-12-01", "2026-12-20", "2026-12-31", "2027-05-31")));
    auto overrides = timetable.Overrides();
    ASSERT_TRUE(overrides);
    ASSERT_EQ(overrides->size(), 2u);
    EXPECT_EQ((*overrides)[0].period, Month("2026-11"));
    EXPECT_EQ((*overrides)[1].final, Day("2027-06-30"));
}

TEST_P(StoreContractTest, TheLastAuditEntryOfAKindIsDated) {
    AuditLog log(store_->db());
    EXPECT_FALSE(*log.LastAt("agreement."));
    ASSERT_TRUE(store_->InTransaction([&]() -> core::Status {
        for (const auto& [action, at] : {std::pair{"agreement.recorded", "2026-11-01T10:00:00Z"},
                                         std::pair{"agreement.removed", "2026-11-03T10:00:00Z"},
                                         std::pair{"agreementXremoved", "2026-11-09T10:00:00Z"},
                                         std::pair{"exclusion.added", "2026-11-05T10:00:00Z"}}) {
            auto e = log.Append({0, at, "admin", "cli@test", action, "RXX for RYY", "{}", "", ""});
            if (!e) return core::Fail(e.error());
        }
        return {};
    }));
    EXPECT_EQ(*log.LastAt("agreement."), "2026-11-03T10:00:00Z");
    EXPECT_EQ(*log.LastAt("exclusion."), "2026-11-05T10:00:00Z");
    EXPECT_FALSE(*log.LastAt("local_code."));
}

// A database at version 2 that has had ODS files and a postcode directory imported gains a
// record of those imports, from their audit entries, when it is opened.
TEST_P(StoreContractTest, MigratingAnOlderDatabaseRecordsItsImports) {
    TestDatabase older(GetParam());
    auto db = Connect(older.url());
    ASSERT_TRUE(db);
    const bool sqlite = GetParam() == Backend::kSqlite;
    ASSERT_TRUE((*db)->ExecuteScript(sqlite ? SqliteMigration001() : PostgresMigration001()));
    ASSERT_TRUE((*db)->ExecuteScript(sqlite ? SqliteMigration002() : PostgresMigration002()));
    ASSERT_TRUE(
        (*db)->ExecuteScript("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL); "
                             "INSERT INTO schema_migrations VALUES (1, 'test'); "
                             "INSERT INTO schema_migrations VALUES (2, 'test')"));
    AuditLog old_log(**db);
    ASSERT_TRUE((*db)->Begin());
    ASSERT_TRUE(old_log.Append({0, "2026-10-01T09:00:00Z", "admin", "cli@test", "refdata.ods_imported", "site",
                                "{\"file\":\"ets.csv\",\"organisations\":\"12\"}", "", ""}));
    ASSERT_TRUE(
        old_log.Append({0, "2026-10-02T09:00:00Z", "admin", "cli@test", "expectation.added", "RXX", "{}", "", ""}));
    ASSERT_TRUE(old_log.Append({0, "2026-10-03T09:00:00Z", "other", "cli@test", "refdata.postcodes_imported",
                                "postcodes", "{\"file\":\"ONSPD.csv\",\"postcodes\":\"3000\"}", "", ""}));
    ASSERT_TRUE((*db)->Commit());

    auto opened = Store::Open(older.url(), IfMissing::kFail);
    ASSERT_TRUE(opened) << opened.error().message;
    RefdataImportTable imports((*opened)->db());
    auto rows = imports.List();
    ASSERT_TRUE(rows) << rows.error().message;
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[0].dataset, "ods.site");
    EXPECT_EQ((*rows)[0].file_name, "ets.csv");
    EXPECT_EQ((*rows)[0].rows, 12);
    EXPECT_EQ((*rows)[0].imported_at, "2026-10-01T09:00:00Z");
    EXPECT_EQ((*rows)[0].file_sha256, "");  // not known before
    EXPECT_EQ((*rows)[1].dataset, "postcodes");
    EXPECT_EQ((*rows)[1].imported_by, "other");
    EXPECT_EQ((*rows)[1].rows, 3000);
}

TEST_P(StoreContractTest, IntegrityCheckPasses) {
    auto problems = store_->db().IntegrityCheck();
    ASSERT_TRUE(problems);
    EXPECT_EQ(*problems, "");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace did::store
