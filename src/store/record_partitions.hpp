// The PostgreSQL partitions of the records, one per month ("records_2026_10"), created outside
// the submission's transaction (it would lock the whole records table for a month's load), so
// a submission killed before committing leaves one behind, empty; the next submission drops it.
// A submitter's lease on its month's partition keeps it from being dropped in use. Nothing to
// do on SQLite. One connection per caller, outside any transaction.
#pragma once

#include <string>

#include "core/error.hpp"
#include "store/sql_connection.hpp"

namespace did::store {

// "records_2026_10" for "2026-10"; InvalidArgument unless `period` is a YYYY-MM (which makes
// the name safe to put in SQL).
core::Result<std::string> PartitionName(const std::string& period);

// A submitter's claim on a month's partition: while it lasts, the partition is not dropped.
// Released when destroyed, or when the connection closes (a killed process). A session-level
// shared advisory lock on PostgreSQL; empty on SQLite.
class PartitionLease {
  public:
    PartitionLease() = default;
    PartitionLease(SqlConnection& db, std::string key) : db_(&db), key_(std::move(key)) {}
    PartitionLease(PartitionLease&& other) noexcept : db_(other.db_), key_(std::move(other.key_)) {
        other.db_ = nullptr;
    }
    PartitionLease& operator=(PartitionLease&& other) noexcept;
    PartitionLease(const PartitionLease&) = delete;
    PartitionLease& operator=(const PartitionLease&) = delete;
    ~PartitionLease() { Release(); }

  private:
    void Release();
    SqlConnection* db_ = nullptr;
    std::string key_;
};

// Drops the partitions of months other than `keep` that no submission has, that hold no rows
// and that no submitter holds a lease on. Best effort: a partition whose lock is not free at
// once (a reader of the records, say) is left for a later run. Outside any transaction.
core::Status DropAbandonedPartitions(SqlConnection& db, const std::string& keep);

// Takes the lease on `period`'s partition, then creates the partition if it is missing.
// Outside any transaction (the creation commits on its own).
core::Result<PartitionLease> LeasePartition(SqlConnection& db, const std::string& period);

}  // namespace did::store
