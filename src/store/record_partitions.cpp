#include "store/record_partitions.hpp"

#include <algorithm>
#include <vector>

namespace did::store {
namespace {

std::string LeaseKey(const std::string& period) {
    return "records-partition " + period;
}

}  // namespace

core::Result<std::string> PartitionName(const std::string& period) {
    if (period.size() != 7 || period[4] != '-' ||
        !std::all_of(period.begin(), period.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); })) {
        return core::Fail(core::Error::InvalidArgument("bad period " + period));
    }
    std::string name = "records_" + period;
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

PartitionLease& PartitionLease::operator=(PartitionLease&& other) noexcept {
    if (this != &other) {
        Release();
        db_ = other.db_;
        key_ = std::move(other.key_);
        other.db_ = nullptr;
    }
    return *this;
}

void PartitionLease::Release() {
    if (db_ == nullptr) return;
    // A failure leaves the lock to the end of the session, which is no worse than a kill.
    (void)db_->Execute("SELECT pg_advisory_unlock_shared(hashtextextended(?, 0))", {key_});
    db_ = nullptr;
}

core::Status DropAbandonedPartitions(SqlConnection& db, const std::string& keep) {
    if (db.dialect() != Dialect::kPostgres) return {};
    std::vector<std::string> periods;
    auto listed = db.Query(
        "SELECT replace(substr(c.relname, 9), '_', '-') FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = CAST('records' AS regclass) AND NOT EXISTS "
        "(SELECT 1 FROM submissions s WHERE s.period = replace(substr(c.relname, 9), '_', '-'))",
        {}, [&](const SqlRow& row) {
            if (row.Text(0) != keep) periods.push_back(row.Text(0));
            return true;
        });
    if (!listed) return listed;
    for (const std::string& period : periods) {
        auto name = PartitionName(period);
        if (!name) continue;  // not one of ours
        if (auto begun = db.Begin(); !begun) return begun;
        // Under the lease's lock, taken exclusively, no submitter of the month is between
        // creating the partition and committing: what is seen now is all there is.
        auto free = db.QueryOne("SELECT CASE WHEN pg_try_advisory_xact_lock(hashtextextended(?, 0)) THEN 1 ELSE 0 END",
                                {LeaseKey(period)});
        bool drop = free && (*free)->Int(0) == 1;
        if (drop) {
            auto stored = db.QueryOne("SELECT COUNT(*) FROM submissions WHERE period = ?", {period});
            drop = stored && (*stored)->Int(0) == 0;
        }
        // Dropping a partition locks the whole records table: only if no one is using it now,
        // rather than queue every reader behind the drop.
        if (drop)
            drop = static_cast<bool>(
                db.ExecuteScript("LOCK TABLE records, " + *name + " IN ACCESS EXCLUSIVE MODE NOWAIT"));
        if (drop) {
            auto row = db.QueryOne("SELECT 1 FROM " + *name + " LIMIT 1");
            drop = row && !*row;
        }
        if (drop) drop = static_cast<bool>(db.ExecuteScript("DROP TABLE " + *name));
        if (!drop) {
            (void)db.Rollback();
            continue;
        }
        if (auto committed = db.Commit(); !committed) {
            (void)db.Rollback();
            return committed;
        }
    }
    return {};
}

core::Result<PartitionLease> LeasePartition(SqlConnection& db, const std::string& period) {
    if (db.dialect() != Dialect::kPostgres) return PartitionLease();
    auto name = PartitionName(period);
    if (!name) return core::Fail(name.error());
    // The lease first, so that the partition cannot be dropped between its creation and use.
    const std::string key = LeaseKey(period);
    if (auto locked = db.Execute("SELECT pg_advisory_lock_shared(hashtextextended(?, 0))", {key}); !locked) {
        return core::Fail(locked.error());
    }
    PartitionLease lease(db, key);
    const std::string ddl =
        "CREATE TABLE IF NOT EXISTS " + *name + " PARTITION OF records FOR VALUES IN ('" + period + "')";
    auto status = db.ExecuteScript(ddl);
    if (!status) status = db.ExecuteScript(ddl);  // lost a race with another submitter: it exists now
    if (!status) return core::Fail(status.error());
    return lease;
}

}  // namespace did::store
