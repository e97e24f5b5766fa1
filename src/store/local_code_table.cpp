#include "store/local_code_table.hpp"

namespace did::store {
namespace {

constexpr const char* kColumns =
    "provider, local_code, nicip_code, status, notified_by, notified_at, decided_by, decided_at, reason";

// A row whose status does not parse was not written by this code: say which.
core::Result<LocalCodeRow> FromRow(const SqlRow& r) {
    auto status = ParseLocalCodeStatus(r.Text(3));
    if (!status) {
        return core::Fail(core::Error::Internal("local code " + r.Text(1) + " of " + r.Text(0) +
                                                " in the database has an unreadable status"));
    }
    return LocalCodeRow{r.Text(0), r.Text(1), r.Text(2), *status,  r.Text(4),
                        r.Text(5), r.Text(6), r.Text(7), r.Text(8)};
}

}  // namespace

core::Status LocalCodeTable::Notify(const LocalCodeRow& r) {
    return db_.Execute(
        "INSERT INTO local_codes (provider, local_code, nicip_code, status, notified_by, notified_at) "
        "VALUES (?, ?, ?, 'notified', ?, ?) ON CONFLICT (provider, local_code) DO UPDATE SET "
        "nicip_code = excluded.nicip_code, status = 'notified', notified_by = excluded.notified_by, "
        "notified_at = excluded.notified_at, decided_by = NULL, decided_at = NULL, reason = NULL",
        {r.provider, r.local_code, r.nicip_code, r.notified_by, r.notified_at});
}

core::Status LocalCodeTable::Decide(const std::string& provider, const std::string& local_code, LocalCodeStatus status,
                                    const std::string& by, const std::string& at, const std::string& reason) {
    return db_.Execute(
        "UPDATE local_codes SET status = ?, decided_by = ?, decided_at = ?, reason = ? "
        "WHERE provider = ? AND local_code = ?",
        {std::string(LocalCodeStatusName(status)), by, at, reason, provider, local_code});
}

core::Result<std::optional<LocalCodeRow>> LocalCodeTable::Find(const std::string& provider,
                                                               const std::string& local_code) {
    auto row =
        db_.QueryOne(std::string("SELECT ") + kColumns + " FROM local_codes WHERE provider = ? AND local_code = ?",
                     {provider, local_code});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<LocalCodeRow>();
    auto found = FromRow(**row);
    if (!found) return core::Fail(found.error());
    return std::optional<LocalCodeRow>(std::move(*found));
}

core::Result<std::vector<LocalCodeRow>> LocalCodeTable::List(const std::string& provider,
                                                             std::optional<LocalCodeStatus> only) {
    const std::string status = only ? std::string(LocalCodeStatusName(*only)) : std::string();
    const std::string sql = std::string("SELECT ") + kColumns +
                            " FROM local_codes WHERE (? = '' OR provider = ?) AND (? = '' OR status = ?) "
                            "ORDER BY provider, local_code";
    return ReadRows<LocalCodeRow>(db_, sql, {provider, provider, status, status}, FromRow);
}

core::Status LocalCodeTable::Withdraw(const std::string& provider, const std::string& local_code) {
    return db_.Execute("DELETE FROM local_codes WHERE provider = ? AND local_code = ?", {provider, local_code});
}

core::Status LocalCodeTable::Put(const LocalCodeRow& r) {
    auto null_if_empty = [](const std::string& s) { return s.empty() ? SqlValue{} : SqlValue{s}; };
    return db_.Execute(
        std::string("INSERT INTO local_codes (") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {r.provider, r.local_code, r.nicip_code, std::string(LocalCodeStatusName(r.status)), r.notified_by,
         r.notified_at, null_if_empty(r.decided_by), null_if_empty(r.decided_at), null_if_empty(r.reason)});
}

}  // namespace did::store
