// The database from the command line, on both backends, with the real `did` binary:
// - commands that only read never wait behind a writer, and never create a database;
// - `did audit verify` notices entries removed from the end of the log, or from the middle,
//   and entries altered, and checks a head noted down earlier.

#include <gtest/gtest.h>

#include <filesystem>

#include "integration/process.hpp"
#include "store/store.hpp"
#include "store/test_databases.hpp"

namespace {

using did::store::Backend;

class StoreSafetyTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        database_ = std::make_unique<did::store::TestDatabase>(GetParam());
        if (database_->url().empty()) {
            if (database_->required()) FAIL() << database_->skip_reason();
            GTEST_SKIP() << database_->skip_reason();
        }
        dir_ = did::testing::MakeTempDir("did_store_safety");
    }
    void TearDown() override {
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    // did with this test's database and data directory; standard error with the output.
    did::testing::ProcessResult Did(const std::string& args) const { return DidOn(database_->url(), args); }
    did::testing::ProcessResult DidOn(const std::string& url, const std::string& args) const {
        return did::testing::Run("cd '" + dir_ + "' && DID_USER=tester DID_DATA_DIR='" + dir_ +
                                 "/data' '" DID_BINARY "' " + args + " --db '" + url + "' 2>&1");
    }
    static bool Has(const did::testing::ProcessResult& r, const std::string& text) {
        return r.out.find(text) != std::string::npos;
    }

    // Four entries: a provider expected, a month's file stored (submission 1, entry 2), an
    // exception granted, another provider expected.
    void WriteLog() const {
        ASSERT_EQ(Did("expect add --provider RXX --from 2026-01").exit_code, 0);
        ASSERT_EQ(did::testing::Run("'" DID_BINARY "' generate --rows 200 --seed 4 --period 2026-10 --submitted "
                                    "2026-11-05 --out '" +
                                    dir_ + "/october.csv'")
                      .exit_code,
                  0);
        auto r = Did("submit --provider RXX --period 2026-10 october.csv --submitted 2026-11-05");
        ASSERT_EQ(r.exit_code, 0) << r.out;
        ASSERT_EQ(Did("exception grant --provider RXX --period 2026-10 --until 2027-05-31 --reason 'RIS'").exit_code,
                  0);
        ASSERT_EQ(Did("expect add --provider RYJ --from 2026-01").exit_code, 0);
    }

    // SQL run past the triggers that keep the log append-only, as by someone with the rights
    // to drop or disable them.
    void Tamper(const std::string& sql) const {
        auto db = did::store::Connect(database_->url());
        ASSERT_TRUE(db) << db.error().message;
        const std::string bypass = GetParam() == Backend::kSqlite
                                       ? "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; "
                                       : "ALTER TABLE audit_log DISABLE TRIGGER USER; ";
        auto done = (*db)->ExecuteScript(bypass + sql);
        ASSERT_TRUE(done) << done.error().message;
    }

    std::unique_ptr<did::store::TestDatabase> database_;
    std::string dir_;
};

TEST_P(StoreSafetyTest, MigrateCreatesTheSchemaOfAFreshDatabase) {
    auto r = Did("db migrate");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const int latest = did::store::LatestSchemaVersion(GetParam() == Backend::kSqlite ? did::store::Dialect::kSqlite
                                                                                      : did::store::Dialect::kPostgres);
    EXPECT_TRUE(Has(r, "is at schema version " + std::to_string(latest))) << r.out;
}

// A submission holds the write lock while it loads a month: status and listings must still
// answer. The lock is held for the whole test, so waiting for it could only end in failure.
TEST_P(StoreSafetyTest, CommandsThatReadDoNotWaitForAWriter) {
    ASSERT_EQ(Did("db migrate").exit_code, 0);
    ASSERT_EQ(Did("expect add --provider RXX --from 2026-01").exit_code, 0);
    auto writer = did::store::Connect(database_->url());
    ASSERT_TRUE(writer) << writer.error().message;
    ASSERT_TRUE((*writer)->Begin());
    ASSERT_TRUE((*writer)->LockKey("schema-migrations"));
    ASSERT_TRUE((*writer)->Execute("INSERT INTO settings (key, value) VALUES ('held', 'uncommitted')"));

    auto r = Did("status --period 2026-10");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "1 expected provider(s) missing")) << r.out;
    for (const char* command :
         {"submissions --period 2026-10", "duplicates --period 2026-10", "feedback --period 2026-10", "expect list",
          "timetable", "audit list", "audit verify"}) {
        r = Did(command);
        EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.out;
    }
    EXPECT_TRUE((*writer)->Rollback());
}

// Every command that only reads, pointed at a database that is not there (SQLite) or holds no
// schema (PostgreSQL: connecting never creates a database), says so, exits 2 and creates
// nothing; a command that stores something creates it.
TEST_P(StoreSafetyTest, CommandsThatReadNeverCreateADatabase) {
    const bool sqlite = GetParam() == Backend::kSqlite;
    const std::string path = dir_ + "/nowhere/did.sqlite";
    const std::string url = sqlite ? "sqlite:" + path : database_->url();
    for (const char* command :
         {"status --period 2026-10", "submissions --period 2026-10", "feedback --period 2026-10",
          "duplicates --period 2026-10", "timetable", "timetable list", "exception list", "agreement list",
          "expect list", "local-codes list", "local-codes usage --period 2026-10", "exclusions list", "audit list",
          "audit verify"}) {
        auto r = DidOn(url, command);
        EXPECT_EQ(r.exit_code, 2) << command << "\n" << r.out;
        if (sqlite) {
            EXPECT_TRUE(Has(r, "there is no database at " + path)) << command << "\n" << r.out;
            EXPECT_TRUE(Has(r, "did db migrate --db " + url)) << command << "\n" << r.out;
            EXPECT_FALSE(std::filesystem::exists(dir_ + "/nowhere")) << command;
        } else {
            EXPECT_TRUE(Has(r, "has no DID Collect schema")) << command << "\n" << r.out;
            EXPECT_TRUE(Has(r, "did db migrate --db " + url)) << command << "\n" << r.out;
            auto connection = did::store::Connect(url);
            ASSERT_TRUE(connection);
            EXPECT_EQ(*did::store::SchemaVersion(**connection), 0) << command;
        }
    }
    // The default database, in the data directory: neither is created by a reader.
    if (sqlite) {
        auto r = did::testing::Run("cd '" + dir_ + "' && DID_DATA_DIR='" + dir_ +
                                   "/data' '" DID_BINARY "' status --period 2026-10 2>&1");
        EXPECT_EQ(r.exit_code, 2) << r.out;
        EXPECT_TRUE(Has(r, "there is no database at " + dir_ + "/data/did.sqlite")) << r.out;
        EXPECT_FALSE(std::filesystem::exists(dir_ + "/data"));
    }
    std::filesystem::create_directories(dir_ + "/nowhere");
    auto r = DidOn(url, "expect add --provider RXX --from 2026-01");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    r = DidOn(url, "status --period 2026-10");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "1 expected provider(s) missing")) << r.out;
}

TEST_P(StoreSafetyTest, AnUntouchedAuditLogVerifiesAndItsHeadCanBeCheckedLater) {
    WriteLog();
    auto r = Did("audit verify");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "The audit log is intact: 4 entries")) << r.out;
    EXPECT_TRUE(Has(r, "1 submission, each with the entry that stored it")) << r.out;
    const size_t at = r.out.find("Head: 4:");
    ASSERT_NE(at, std::string::npos) << r.out;
    const std::string head = r.out.substr(at + 6, 2 + 64);
    r = Did("audit verify --head " + head);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "Entry 4 is as noted down")) << r.out;
    r = Did("audit verify --head 4:abc");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    // Entries appended since do not disturb the head noted down.
    ASSERT_EQ(Did("expect add --provider RYY --from 2026-01").exit_code, 0);
    r = Did("audit verify --head " + head);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(Has(r, "Head: 5:")) << r.out;
}

TEST_P(StoreSafetyTest, AuditVerifyNamesTheLastEntryRemoved) {
    WriteLog();
    Tamper("DELETE FROM audit_log WHERE seq = 4");
    auto r = Did("audit verify");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(Has(r, "THE AUDIT LOG HAS BEEN ALTERED at entry 4: it is missing")) << r.out;
}

TEST_P(StoreSafetyTest, AuditVerifyNamesAnEntryRemovedFromTheMiddle) {
    WriteLog();
    Tamper("DELETE FROM audit_log WHERE seq = 2");
    auto r = Did("audit verify");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(Has(r, "ALTERED at entry 2: it is missing")) << r.out;
}

TEST_P(StoreSafetyTest, AuditVerifyNamesAnAlteredEntry) {
    WriteLog();
    Tamper("UPDATE audit_log SET detail = '{\"until\":\"2099-12-31\",\"reason\":\"RIS\"}' WHERE seq = 3");
    auto r = Did("audit verify");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(Has(r, "ALTERED at entry 3: its content does not match its hash")) << r.out;
}

// A first submission of a month killed before it commits leaves that month's partition of the
// records behind, empty (it is created outside the transaction). The next submission, of any
// month, drops it.
TEST_P(StoreSafetyTest, TheNextSubmissionDropsAnEmptyPartitionLeftBehind) {
    if (GetParam() != Backend::kPostgres) GTEST_SKIP() << "SQLite keeps the records in one table";
    ASSERT_EQ(Did("db migrate").exit_code, 0);
    {
        auto db = did::store::Connect(database_->url());
        ASSERT_TRUE(db) << db.error().message;
        ASSERT_TRUE(
            (*db)->ExecuteScript("CREATE TABLE records_2027_01 PARTITION OF records FOR VALUES IN ('2027-01')"));
    }
    ASSERT_EQ(did::testing::Run("'" DID_BINARY "' generate --rows 100 --seed 4 --period 2026-10 --submitted "
                                "2026-11-05 --out '" +
                                dir_ + "/october.csv'")
                  .exit_code,
              0);
    auto r = Did("submit --provider RXX --period 2026-10 october.csv --submitted 2026-11-05");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    auto db = did::store::Connect(database_->url());
    ASSERT_TRUE(db);
    auto partitions = (*db)->QueryOne(
        "SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = "
        "i.inhrelid WHERE i.inhparent = CAST('records' AS regclass)");
    ASSERT_TRUE(partitions && *partitions);
    EXPECT_EQ((*partitions)->Text(0), "records_2026_10");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSafetyTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return did::store::BackendName(param_info.param); });

}  // namespace
