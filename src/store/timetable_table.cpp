#include "store/timetable_table.hpp"

namespace did::store {
namespace {

// A row whose month or dates do not parse was not written by this code: say which.
core::Result<TimetableOverrideRow> WindowFromRow(const char* table, const SqlRow& r) {
    auto period = core::Period::Parse(r.Text(0));
    auto opens = core::Date::Parse(r.Text(1));
    auto cutoff = core::Date::Parse(r.Text(2));
    auto provisional = core::Date::Parse(r.Text(3));
    auto final = core::Date::Parse(r.Text(4));
    if (!period || !opens || !cutoff || !provisional || !final) {
        return core::Fail(core::Error::Internal("the " + std::string(table) + " row for " + r.Text(0) +
                                                " in the database has an unreadable month or date"));
    }
    return TimetableOverrideRow{*period, *opens, *cutoff, *provisional, *final};
}

core::Result<ExceptionRow> ExceptionFromRow(const SqlRow& r) {
    auto period = core::Period::Parse(r.Text(1));
    auto until = core::Date::Parse(r.Text(2));
    if (!period || !until) {
        return core::Fail(core::Error::Internal("the exception for " + r.Text(0) + " " + r.Text(1) +
                                                " in the database has an unreadable month or day"));
    }
    return ExceptionRow{r.Text(0), *period, *until, r.Text(3), r.Text(4), r.Text(5)};
}

}  // namespace

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
        {r.period.ToString(), r.opens.ToString(), r.cutoff.ToString(), r.provisional.ToString(), r.final.ToString()});
}

core::Result<std::optional<TimetableOverrideRow>> TimetableTable::Override(core::Period period) {
    return Window("timetable_overrides", period);
}

core::Status TimetableTable::Freeze(const TimetableOverrideRow& r, const std::string& frozen_at) {
    return db_.Execute(
        "INSERT INTO frozen_windows (period, opens, cutoff, provisional, final, frozen_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (period) DO NOTHING",
        {r.period.ToString(), r.opens.ToString(), r.cutoff.ToString(), r.provisional.ToString(), r.final.ToString(),
         frozen_at});
}

core::Result<std::optional<TimetableOverrideRow>> TimetableTable::Frozen(core::Period period) {
    return Window("frozen_windows", period);
}

core::Result<std::optional<TimetableOverrideRow>> TimetableTable::Window(const char* table, core::Period period) {
    auto row = db_.QueryOne(
        std::string("SELECT period, opens, cutoff, provisional, final FROM ") + table + " WHERE period = ?",
        {period.ToString()});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<TimetableOverrideRow>();
    auto window = WindowFromRow(table, **row);
    if (!window) return core::Fail(window.error());
    return std::optional<TimetableOverrideRow>(*window);
}

core::Result<std::optional<core::Period>> TimetableTable::FirstPeriodInUse() {
    auto row = db_.QueryOne(
        "SELECT MIN(p) FROM (SELECT MIN(period) AS p FROM submissions UNION ALL "
        "SELECT MIN(from_period) FROM expected_submitters UNION ALL SELECT MIN(period) FROM window_exceptions) AS "
        "used");
    if (!row) return core::Fail(row.error());
    if (!*row || (*row)->IsNull(0)) return std::optional<core::Period>();
    auto first = core::Period::Parse((*row)->Text(0));
    if (!first) {
        return core::Fail(core::Error::Internal("a month in the database is not YYYY-MM: " + (*row)->Text(0)));
    }
    return first;
}

core::Result<std::vector<TimetableOverrideRow>> TimetableTable::Overrides() {
    return ReadRows<TimetableOverrideRow>(
        db_, "SELECT period, opens, cutoff, provisional, final FROM timetable_overrides ORDER BY period", {},
        [&](const SqlRow& r) { return WindowFromRow("timetable_overrides", r); });
}

core::Status TimetableTable::PutException(const ExceptionRow& r) {
    return db_.Execute(
        "INSERT INTO window_exceptions (provider, period, until, reason, granted_by, granted_at) VALUES (?, ?, ?, ?, "
        "?, ?) "
        "ON CONFLICT (provider, period) DO UPDATE SET until = excluded.until, reason = excluded.reason, "
        "granted_by = excluded.granted_by, granted_at = excluded.granted_at",
        {r.provider, r.period.ToString(), r.until.ToString(), r.reason, r.granted_by, r.granted_at});
}

core::Result<std::optional<ExceptionRow>> TimetableTable::Exception(const std::string& provider, core::Period period) {
    auto row = db_.QueryOne(
        "SELECT provider, period, until, reason, granted_by, granted_at FROM window_exceptions "
        "WHERE provider = ? AND period = ?",
        {provider, period.ToString()});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<ExceptionRow>();
    auto exception = ExceptionFromRow(**row);
    if (!exception) return core::Fail(exception.error());
    return std::optional<ExceptionRow>(std::move(*exception));
}

core::Status TimetableTable::RemoveException(const std::string& provider, core::Period period) {
    return db_.Execute("DELETE FROM window_exceptions WHERE provider = ? AND period = ?",
                       {provider, period.ToString()});
}

core::Result<std::vector<ExceptionRow>> TimetableTable::Exceptions() {
    return ReadRows<ExceptionRow>(
        db_,
        "SELECT provider, period, until, reason, granted_by, granted_at FROM window_exceptions ORDER BY period, "
        "provider",
        {}, [&](const SqlRow& r) { return ExceptionFromRow(r); });
}

}  // namespace did::store
