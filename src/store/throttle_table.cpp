#include "store/throttle_table.hpp"

#include <vector>

namespace did::store {
namespace {

core::Result<ThrottleRow> FromRow(const SqlRow& r) {
    return ThrottleRow{r.Text(0), r.Int(1), r.Int(2), r.Int(3)};
}

}  // namespace

core::Result<ThrottleRow> ThrottleTable::RecordFailure(const std::string& key, int64_t now, int64_t window_seconds) {
    // One upsert: the database applies two at once to the same row one after the other, each
    // on the other's result (PostgreSQL's ON CONFLICT DO UPDATE waits for the row's lock;
    // SQLite has one writer), so no failure is lost. Both SET expressions read the old row.
    const int64_t window_opened_after = now - window_seconds;
    auto rows = ReadRows<ThrottleRow>(
        db_,
        "INSERT INTO throttle (key, failures, window_start, locked_until) VALUES (?, 1, ?, 0) "
        "ON CONFLICT (key) DO UPDATE SET "
        "failures = CASE WHEN throttle.window_start < ? THEN 1 ELSE throttle.failures + 1 END, "
        "window_start = CASE WHEN throttle.window_start < ? THEN excluded.window_start ELSE throttle.window_start END "
        "RETURNING key, failures, window_start, locked_until",
        {key, now, window_opened_after, window_opened_after}, FromRow);
    if (!rows) return core::Fail(rows.error());
    if (rows->size() != 1) return core::Fail(core::Error::Internal("counting a failed sign-in returned no row"));
    return std::move(rows->front());
}

core::Status ThrottleTable::Lock(const std::string& key, int64_t until) {
    // A key with no failures yet gets an empty window (start 0: the next failure opens one).
    return db_.Execute(
        "INSERT INTO throttle (key, failures, window_start, locked_until) VALUES (?, 0, 0, ?) "
        "ON CONFLICT (key) DO UPDATE SET locked_until = excluded.locked_until",
        {key, until});
}

core::Result<std::optional<ThrottleRow>> ThrottleTable::Find(const std::string& key) {
    auto rows = ReadRows<ThrottleRow>(
        db_, "SELECT key, failures, window_start, locked_until FROM throttle WHERE key = ?", {key}, FromRow);
    if (!rows) return core::Fail(rows.error());
    if (rows->empty()) return std::optional<ThrottleRow>();
    return std::optional<ThrottleRow>(std::move(rows->front()));
}

core::Status ThrottleTable::Clear(const std::string& key) {
    return db_.Execute("DELETE FROM throttle WHERE key = ?", {key});
}

core::Result<int64_t> ThrottleTable::DeleteStale(int64_t now, int64_t window_seconds) {
    // The same test RecordFailure makes for a window that has ended.
    return CountRows(db_, "DELETE FROM throttle WHERE window_start < ? AND locked_until <= ? RETURNING key",
                     {now - window_seconds, now});
}

}  // namespace did::store
