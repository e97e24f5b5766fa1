// The monthly partitions of the records on PostgreSQL: an empty one left by a submission
// killed before it committed is dropped by the next submission, unless someone is using it.

#include "store/record_partitions.hpp"

#include <gtest/gtest.h>

#include "store/record_table.hpp"
#include "store/store.hpp"
#include "store/submission_table.hpp"
#include "store/test_databases.hpp"
#include "store/test_store.hpp"

namespace did::store {
namespace {

class RecordPartitionsTest : public ::testing::Test, protected TestStore {
  protected:
    void SetUp() override { OpenTestStore(Backend::kPostgres); }

    bool Exists(const std::string& name) {
        auto row = store_->db().QueryOne("SELECT COUNT(*) FROM pg_class WHERE relname = ?", {name});
        EXPECT_TRUE(row) << row.error().message;
        return row && *row && (*row)->Int(0) == 1;
    }

    // What a first submission of a month leaves when killed before it commits: the partition,
    // created and committed on its own, and nothing else.
    void LeaveEmptyPartition(const std::string& period) {
        auto name = PartitionName(period);
        ASSERT_TRUE(name);
        ASSERT_TRUE(store_->db().ExecuteScript("CREATE TABLE " + *name + " PARTITION OF records FOR VALUES IN ('" +
                                               period + "')"));
    }

    std::unique_ptr<Store> OtherConnection() {
        auto opened = Store::Open(database_->url());
        EXPECT_TRUE(opened) << opened.error().message;
        return opened ? std::move(*opened) : nullptr;
    }
};

TEST_F(RecordPartitionsTest, AnEmptyPartitionLeftBehindIsDroppedByTheNextSubmission) {
    LeaveEmptyPartition("2026-12");
    ASSERT_TRUE(Exists("records_2026_12"));
    RecordTable records(store_->db());
    auto lease = records.EnsurePartition(Month("2026-10"));
    ASSERT_TRUE(lease) << lease.error().message;
    EXPECT_FALSE(Exists("records_2026_12"));
    EXPECT_TRUE(Exists("records_2026_10"));
}

TEST_F(RecordPartitionsTest, ThePartitionOfAMonthWithSubmissionsIsKeptEvenEmpty) {
    LeaveEmptyPartition("2026-12");
    SubmissionTable submissions(store_->db());
    SubmissionRow row;
    row.provider = "RXX";
    row.period = Month("2026-12");
    row.status = SubmissionStatus::kRejected;  // every record rejected: none in the partition
    row.file_name = "f.csv";
    row.file_sha256 = "aa";
    row.submitted_at = "2027-01-05T10:00:00Z";
    row.received_on = Day("2027-01-05");
    row.submitted_by = "dm";
    row.origin = "cli@test";
    ASSERT_TRUE(submissions.Insert(row));
    RecordTable records(store_->db());
    ASSERT_TRUE(records.EnsurePartition(Month("2026-10")));
    EXPECT_TRUE(Exists("records_2026_12"));
}

// A submitter of December between creating the partition and committing holds its lease.
TEST_F(RecordPartitionsTest, APartitionLeasedBySomeoneSubmittingIsKept) {
    auto submitter = OtherConnection();
    ASSERT_TRUE(submitter);
    RecordTable theirs(submitter->db());
    auto their_lease = theirs.EnsurePartition(Month("2026-12"));
    ASSERT_TRUE(their_lease) << their_lease.error().message;
    RecordTable records(store_->db());
    ASSERT_TRUE(records.EnsurePartition(Month("2026-10")));
    EXPECT_TRUE(Exists("records_2026_12"));
    // Once they are done (here: gave up, leaving it empty), the next submission drops it.
    *their_lease = PartitionLease();
    ASSERT_TRUE(records.EnsurePartition(Month("2026-11")));
    EXPECT_FALSE(Exists("records_2026_12"));
}

// Dropping a partition locks the whole records table: with someone reading the records, the
// drop waits for a later run instead of making the submission (and every reader) queue.
TEST_F(RecordPartitionsTest, SomeoneReadingTheRecordsDefersTheDropWithoutWaiting) {
    LeaveEmptyPartition("2026-12");
    LeaveEmptyPartition("2026-10");  // creating it would wait for the reader as well
    RecordTable records(store_->db());
    auto reader = OtherConnection();
    ASSERT_TRUE(reader);
    ASSERT_TRUE(reader->db().BeginRead());
    ASSERT_TRUE(reader->db().QueryOne("SELECT COUNT(*) FROM records"));
    ASSERT_TRUE(records.EnsurePartition(Month("2026-10")));
    EXPECT_TRUE(Exists("records_2026_12"));
    ASSERT_TRUE(reader->db().Rollback());
    ASSERT_TRUE(records.EnsurePartition(Month("2026-10")));
    EXPECT_FALSE(Exists("records_2026_12"));
}

TEST_F(RecordPartitionsTest, APartitionHoldingRowsIsKept) {
    LeaveEmptyPartition("2026-12");
    ASSERT_TRUE(store_->db().Execute(
        "INSERT INTO records (submission_id, content_hash, line, excluded, period) VALUES (99, 0, 2, 0, '2026-12')"));
    RecordTable records(store_->db());
    ASSERT_TRUE(records.EnsurePartition(Month("2026-10")));
    EXPECT_TRUE(Exists("records_2026_12"));
}

TEST(PartitionNameTest, OnlyAMonthMakesAName) {
    EXPECT_EQ(*PartitionName("2026-10"), "records_2026_10");
    EXPECT_FALSE(PartitionName("2026-10; DROP TABLE x"));
    EXPECT_FALSE(PartitionName("202610"));
}

}  // namespace
}  // namespace did::store
