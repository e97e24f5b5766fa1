#include "store/session_table.hpp"

namespace did::store {
namespace {

core::Result<SessionRow> FromRow(const SqlRow& r) {
    return SessionRow{r.Text(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4), r.Int(5), r.Text(6)};
}

}  // namespace

core::Status SessionTable::Create(const SessionRow& s) {
    if (s.stage != "password" && s.stage != "signed_in") {
        return core::Fail(
            core::Error::InvalidArgument("a session's stage is 'password' or 'signed_in', not '" + s.stage + "'"));
    }
    return db_.Execute(
        "INSERT INTO sessions (id_digest, user_id, stage, csrf_token, created_at, last_seen_at, client) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {s.id_digest, s.user_id, s.stage, s.csrf_token, s.created_at, s.last_seen_at, s.client});
}

core::Result<std::optional<SessionRow>> SessionTable::Find(const std::string& id_digest) {
    auto rows = ReadRows<SessionRow>(db_,
                                     "SELECT id_digest, user_id, stage, csrf_token, created_at, last_seen_at, client "
                                     "FROM sessions WHERE id_digest = ?",
                                     {id_digest}, FromRow);
    if (!rows) return core::Fail(rows.error());
    if (rows->empty()) return std::optional<SessionRow>();
    return std::optional<SessionRow>(std::move(rows->front()));
}

core::Status SessionTable::Touch(const std::string& id_digest, int64_t now) {
    return db_.Execute("UPDATE sessions SET last_seen_at = ? WHERE id_digest = ? AND last_seen_at < ?",
                       {now, id_digest, now});
}

core::Status SessionTable::Delete(const std::string& id_digest) {
    return db_.Execute("DELETE FROM sessions WHERE id_digest = ?", {id_digest});
}

core::Status SessionTable::DeleteForUser(int64_t user_id) {
    return db_.Execute("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

core::Result<int64_t> SessionTable::DeleteExpired(int64_t now, int64_t idle_seconds, int64_t absolute_seconds) {
    return CountRows(db_, "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ? RETURNING id_digest",
                     {now - idle_seconds, now - absolute_seconds});
}

}  // namespace did::store
