#include "store/timetable_table.hpp"

namespace did::store {

core::Result<std::optional<std::string>> TimetableTable::Setting(const std::string& key) {
    auto row = db_.QueryOne("SELECT value FROM settings WHERE key = ?", {key});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>((*row)->Text(0));
}

core::Status TimetableTable::PutSetting(const std::string& key, const std::string& value) {
    return db_.Execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {key, value});
}

core::Result<std::vector<std::pair<std::string, std::string>>> TimetableTable::Settings(const std::string& prefix) {
    std::vector<std::pair<std::string, std::string>> settings;
    // A handful of rows: filtered here rather than with LIKE and its wildcards.
    auto status = db_.Query("SELECT key, value FROM settings ORDER BY key", {}, [&](const SqlRow& r) {
        if (r.Text(0).starts_with(prefix)) settings.emplace_back(r.Text(0), r.Text(1));
        return true;
    });
    if (!status) return core::Fail(status.error());
    return settings;
}

core::Status TimetableTable::PutOverride(const TimetableOverrideRow& r) {
    return db_.Execute(
        "INSERT INTO timetable_overrides (period, opens, cutoff, provisional, final) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (period) DO UPDATE SET opens = excluded.opens, cutoff = excluded.cutoff, "
        "provisional = excluded.provisional, final = excluded.final",
        {r.period, r.opens, r.cutoff, r.provisional, r.final});
}

core::Result<std::optional<TimetableOverrideRow>> TimetableTable::Override(const std::string& period) {
    auto row = db_.QueryOne(
        "SELECT period, opens, cutoff, provisional, final FROM timetable_overrides WHERE period = ?", {period});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<TimetableOverrideRow>();
    const SqlRow& r = **row;
    return std::optional<TimetableOverrideRow>(
        TimetableOverrideRow{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
}

core::Status TimetableTable::Freeze(const TimetableOverrideRow& r, const std::string& frozen_at) {
    return db_.Execute(
        "INSERT INTO frozen_windows (period, opens, cutoff, provisional, final, frozen_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (period) DO NOTHING",
        {r.period, r.opens, r.cutoff, r.provisional, r.final, frozen_at});
}

core::Result<std::optional<TimetableOverrideRow>> TimetableTable::Frozen(const std::string& period) {
    auto row =
        db_.QueryOne("SELECT period, opens, cutoff, provisional, final FROM frozen_windows WHERE period = ?", {period});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<TimetableOverrideRow>();
    const SqlRow& r = **row;
    return std::optional<TimetableOverrideRow>(
        TimetableOverrideRow{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
}

core::Result<std::optional<std::string>> TimetableTable::FirstPeriodInUse() {
    auto row = db_.QueryOne(
        "SELECT MIN(p) FROM (SELECT MIN(period) AS p FROM submissions UNION ALL "
        "SELECT MIN(from_period) FROM expected_submitters UNION ALL SELECT MIN(period) FROM window_exceptions) AS "
        "used");
    if (!row) return core::Fail(row.error());
    if (!*row || (*row)->IsNull(0)) return std::optional<std::string>();
    return std::optional<std::string>((*row)->Text(0));
}

core::Result<std::vector<TimetableOverrideRow>> TimetableTable::Overrides() {
    std::vector<TimetableOverrideRow> rows;
    auto status = db_.Query("SELECT period, opens, cutoff, provisional, final FROM timetable_overrides ORDER BY period",
                            {}, [&](const SqlRow& r) {
                                rows.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
                                return true;
                            });
    if (!status) return core::Fail(status.error());
    return rows;
}

core::Status TimetableTable::PutException(const ExceptionRow& r) {
    return db_.Execute(
        "INSERT INTO window_exceptions (provider, period, until, reason, granted_by, granted_at) VALUES (?, ?, ?, ?, "
        "?, ?) "
        "ON CONFLICT (provider, period) DO UPDATE SET until = excluded.until, reason = excluded.reason, "
        "granted_by = excluded.granted_by, granted_at = excluded.granted_at",
        {r.provider, r.period, r.until, r.reason, r.granted_by, r.granted_at});
}

core::Result<std::optional<ExceptionRow>> TimetableTable::Exception(const std::string& provider,
                                                                    const std::string& period) {
    auto row = db_.QueryOne(
        "SELECT provider, period, until, reason, granted_by, granted_at FROM window_exceptions "
        "WHERE provider = ? AND period = ?",
        {provider, period});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<ExceptionRow>();
    const SqlRow& r = **row;
    return std::optional<ExceptionRow>(ExceptionRow{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
}

core::Status TimetableTable::RemoveException(const std::string& provider, const std::string& period) {
    return db_.Execute("DELETE FROM window_exceptions WHERE provider = ? AND period = ?", {provider, period});
}

core::Result<std::vector<ExceptionRow>> TimetableTable::Exceptions() {
    std::vector<ExceptionRow> rows;
    auto status = db_.Query(
        "SELECT provider, period, until, reason, granted_by, granted_at FROM window_exceptions ORDER BY period, "
        "provider",
        {}, [&](const SqlRow& r) {
            rows.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
            return true;
        });
    if (!status) return core::Fail(status.error());
    return rows;
}

}  // namespace did::store
