// The audit log's checks, on both backends: the chain, its head and the submissions'
// anchors each catch what the others cannot, and none of them a rewrite of everything,
// which only a head noted down outside the database shows.

#include <gtest/gtest.h>

#include "store/audit_log.hpp"
#include "store/migration_scripts.hpp"
#include "store/store.hpp"
#include "store/submission_table.hpp"
#include "store/test_databases.hpp"
#include "store/test_store.hpp"

namespace did::store {
namespace {

class AuditLogTest : public ::testing::TestWithParam<Backend>, protected TestStore {
  protected:
    void SetUp() override {
        OpenTestStore(GetParam());
        if (!store_) return;
    }

    bool sqlite() const { return GetParam() == Backend::kSqlite; }

    AuditRow Entry(const std::string& action, const std::string& detail) const {
        return {0, "2026-11-05T10:00:00Z", "admin", "cli@test", action, "RXX 2026-10", detail, "", ""};
    }

    // Appends an entry; with `stores_submission`, also a submission that names it, as a
    // submission does.
    AuditRow Append(const std::string& action, bool stores_submission = false) {
        AuditRow stored;
        auto status = store_->InTransaction([&]() -> core::Status {
            SubmissionTable submissions(store_->db());
            int64_t id = 0;
            if (stores_submission) {
                SubmissionRow row;
                row.provider = "RX" + std::to_string(++files_);  // one current file each
                row.period = Month("2026-10");
                row.status = SubmissionStatus::kCurrent;
                row.file_name = "f.csv";
                row.file_sha256 = row.provider;
                row.submitted_at = "2026-11-05T10:00:00Z";
                row.received_on = Day("2026-11-05");
                row.submitted_by = "dm";
                row.origin = "cli@test";
                auto inserted = submissions.Insert(row);
                if (!inserted) return core::Fail(inserted.error());
                id = *inserted;
            }
            AuditLog log(store_->db());
            auto entry = log.Append(Entry(action, "{\"submission\":\"" + std::to_string(id) + "\",\"n\":\"1\"}"));
            if (!entry) return core::Fail(entry.error());
            stored = *entry;
            if (stores_submission) return submissions.SetAuditEntry(id, entry->seq, entry->hash);
            return {};
        });
        EXPECT_TRUE(status) << status.error().message;
        return stored;
    }

    // Six entries; the 2nd and the 5th stored a submission each.
    void WriteLog() {
        for (int i = 1; i <= 6; ++i)
            Append(i == 2 || i == 5 ? "submission.stored" : "exception.granted", i == 2 || i == 5);
    }

    // Runs SQL past the triggers that keep the log append-only, as someone with the rights to
    // drop or disable them could.
    void Tamper(const std::string& sql) {
        const std::string bypass = sqlite() ? "DROP TRIGGER IF EXISTS audit_log_no_update; "
                                              "DROP TRIGGER IF EXISTS audit_log_no_delete; "
                                              "DROP TRIGGER IF EXISTS audit_head_only_forward; "
                                              "DROP TRIGGER IF EXISTS audit_head_no_delete; "
                                            : "ALTER TABLE audit_log DISABLE TRIGGER USER; "
                                              "ALTER TABLE audit_head DISABLE TRIGGER USER; ";
        auto done = store_->db().ExecuteScript(bypass + sql);
        ASSERT_TRUE(done) << done.error().message;
    }

    AuditVerdict Verify(const std::optional<AuditHead>& recorded = std::nullopt) {
        AuditLog log(store_->db());
        auto verdict = VerifyAuditChain(log, recorded);
        EXPECT_TRUE(verdict) << verdict.error().message;
        return verdict ? *verdict : AuditVerdict{};
    }

    int files_ = 0;
};

TEST_P(AuditLogTest, AnUntouchedLogPassesAndNamesItsHead) {
    auto verdict = Verify();
    EXPECT_TRUE(verdict.intact) << verdict.problem;  // empty
    EXPECT_EQ(verdict.head.seq, 0);
    WriteLog();
    verdict = Verify();
    EXPECT_TRUE(verdict.intact) << verdict.problem;
    EXPECT_EQ(verdict.entries, 6);
    EXPECT_EQ(verdict.submissions, 2);
    AuditLog log(store_->db());
    auto head = log.Head();
    ASSERT_TRUE(head && *head);
    EXPECT_EQ(verdict.head.seq, 6);
    EXPECT_EQ(verdict.head.hash, (*head)->hash);
    EXPECT_TRUE(Verify(verdict.head).intact);
    EXPECT_FALSE(Verify(AuditHead{3, ""}).intact);  // not entry 3's hash
}

TEST_P(AuditLogTest, TheHeadOnlyMovesForwardWithTheLog) {
    WriteLog();
    EXPECT_FALSE(store_->db().Execute("UPDATE audit_head SET seq = 5"));
    EXPECT_FALSE(store_->db().Execute("UPDATE audit_head SET seq = 7"));
    EXPECT_FALSE(store_->db().Execute("DELETE FROM audit_head"));
    if (!sqlite()) {
        EXPECT_FALSE(store_->db().ExecuteScript("TRUNCATE audit_log"));
        EXPECT_FALSE(store_->db().ExecuteScript("TRUNCATE audit_head"));
    }
    EXPECT_TRUE(Verify().intact);
}

TEST_P(AuditLogTest, RemovingTheLastEntryIsReported) {
    WriteLog();
    Tamper("DELETE FROM audit_log WHERE seq = 6");
    auto verdict = Verify();
    EXPECT_FALSE(verdict.intact);
    EXPECT_EQ(verdict.first_bad_seq, 6);
    EXPECT_NE(verdict.problem.find("it is missing: entries were appended up to 6 but the log ends at entry 5"),
              std::string::npos)
        << verdict.problem;
}

TEST_P(AuditLogTest, RemovingTheLastEntriesIsReported) {
    WriteLog();
    Tamper("DELETE FROM audit_log WHERE seq >= 4");
    auto verdict = Verify();
    EXPECT_FALSE(verdict.intact);
    EXPECT_EQ(verdict.first_bad_seq, 4);
    EXPECT_NE(verdict.problem.find("it and the entries after it are missing"), std::string::npos) << verdict.problem;
}

// Someone who also puts the head back: the submission stored by a removed entry shows it.
TEST_P(AuditLogTest, RemovingASubmissionsEntryIsReportedEvenWithTheHeadPutBack) {
    WriteLog();
    AuditLog log(store_->db());
    std::string fourth;
    ASSERT_TRUE(log.ForEach([&](const AuditRow& e) {
        if (e.seq == 4) fourth = e.hash;
        return true;
    }));
    Tamper("DELETE FROM audit_log WHERE seq >= 5; UPDATE audit_head SET seq = 4, hash = '" + fourth + "'");
    auto verdict = Verify();
    EXPECT_FALSE(verdict.intact);
    EXPECT_EQ(verdict.first_bad_seq, 5);
    EXPECT_NE(verdict.problem.find("it is missing, and it recorded storing submission 2"), std::string::npos)
        << verdict.problem;
}

TEST_P(AuditLogTest, RemovingAnEntryFromTheMiddleIsReported) {
    WriteLog();
    Tamper("DELETE FROM audit_log WHERE seq = 3");
    auto verdict = Verify();
    EXPECT_FALSE(verdict.intact);
    EXPECT_EQ(verdict.first_bad_seq, 3);
    EXPECT_NE(verdict.problem.find("it is missing (the log goes on at entry 4)"), std::string::npos) << verdict.problem;
}

TEST_P(AuditLogTest, AlteringAnEntryIsReported) {
    WriteLog();
    Tamper("UPDATE audit_log SET detail = '{\"n\":\"2\"}' WHERE seq = 4");
    auto verdict = Verify();
    EXPECT_FALSE(verdict.intact);
    EXPECT_EQ(verdict.first_bad_seq, 4);
    EXPECT_NE(verdict.problem.find("its content does not match its hash"), std::string::npos) << verdict.problem;
}

// What no check inside the database can show: the log rewritten from an entry on, with every
// hash recomputed and the head and anchors set to match. A head noted down before shows it.
TEST_P(AuditLogTest, ARewrittenLogIsShownOnlyByAHeadKeptElsewhere) {
    WriteLog();
    const AuditHead noted = Verify().head;
    AuditLog log(store_->db());
    std::vector<AuditRow> entries;
    ASSERT_TRUE(log.ForEach([&](const AuditRow& e) {
        entries.push_back(e);
        return true;
    }));
    std::string sql = "DELETE FROM audit_log WHERE seq >= 3; ";
    std::string previous = entries[1].hash;
    for (size_t i = 2; i < entries.size(); ++i) {
        AuditRow e = entries[i];
        if (e.seq == 3) e.actor = "someone.else";
        e.prev_hash = previous;
        e.hash = AuditLog::HashOf(e);
        previous = e.hash;
        sql += "INSERT INTO audit_log (seq, at, actor, origin, action, subject, detail, prev_hash, hash) VALUES (" +
               std::to_string(e.seq) + ", '" + e.at + "', '" + e.actor + "', '" + e.origin + "', '" + e.action +
               "', '" + e.subject + "', '" + e.detail + "', '" + e.prev_hash + "', '" + e.hash + "'); ";
        if (e.seq == 5) sql += "UPDATE submissions SET audit_hash = '" + e.hash + "' WHERE audit_seq = 5; ";
    }
    sql += "UPDATE audit_head SET hash = '" + previous + "'";
    Tamper(sql);
    EXPECT_TRUE(Verify().intact);
    auto verdict = Verify(noted);
    EXPECT_FALSE(verdict.intact);
    EXPECT_EQ(verdict.first_bad_seq, 6);
    EXPECT_NE(verdict.problem.find("not the entry noted down as the head"), std::string::npos) << verdict.problem;
}

// A database at version 1, with a submission and its entry, gains the anchors when opened:
// the head is the last entry, and the submission names the entry that stored it.
TEST_P(AuditLogTest, MigratingAnOlderDatabaseAnchorsWhatItHolds) {
    TestDatabase older(GetParam());
    auto db = Connect(older.url());
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->ExecuteScript(sqlite() ? SqliteMigration001() : PostgresMigration001()));
    ASSERT_TRUE(
        (*db)->ExecuteScript("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL); "
                             "INSERT INTO schema_migrations VALUES (1, 'test')"));
    ASSERT_TRUE((*db)->Execute(
        "INSERT INTO submissions (provider, period, status, file_name, file_sha256, file_bytes, submitted_at, "
        "received_on, submitted_by, origin, records_total, accepted, rejected, warned, excluded, local_coded) "
        "VALUES ('RXX', '2026-10', 'current', 'f.csv', 'aa', 1, 't', '2026-11-05', 'dm', 'cli', 0, 0, 0, 0, 0, 0)"));
    AuditLog old_log(**db);
    ASSERT_TRUE((*db)->Begin());
    ASSERT_TRUE(old_log.Append(Entry("exception.granted", "{\"until\":\"2027-01-01\"}")));
    auto stored = old_log.Append(Entry("submission.stored", "{\"submission\":\"1\",\"sha256\":\"aa\"}"));
    ASSERT_TRUE(stored);
    ASSERT_TRUE(old_log.Append(Entry("submission.refused", "{\"reason\":\"late\"}")));
    ASSERT_TRUE((*db)->Commit());
    ASSERT_EQ(*SchemaVersion(**db), 1);

    auto opened = Store::Open(older.url(), IfMissing::kFail);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(*SchemaVersion((*opened)->db()), LatestSchemaVersion((*opened)->dialect()));
    auto anchor = (*opened)->db().QueryOne("SELECT audit_seq, audit_hash FROM submissions WHERE id = 1");
    ASSERT_TRUE(anchor && *anchor);
    EXPECT_EQ((*anchor)->Int(0), 2);
    EXPECT_EQ((*anchor)->Text(1), stored->hash);
    AuditLog log((*opened)->db());
    auto verdict = VerifyAuditChain(log);
    ASSERT_TRUE(verdict);
    EXPECT_TRUE(verdict->intact) << verdict->problem;
    EXPECT_EQ(verdict->head.seq, 3);
    EXPECT_EQ(verdict->submissions, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditLogTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace did::store
