#include "store/sql_connection.hpp"

#include "store/postgres/postgres_connection.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace did::store {

namespace {
const std::string kEmpty;
}

const std::string& SqlRow::Text(size_t i) const {
    return cells_[i] ? *cells_[i] : kEmpty;
}

int64_t SqlRow::Int(size_t i) const {
    if (!cells_[i] || cells_[i]->empty()) return 0;
    return std::stoll(*cells_[i]);
}

core::Result<std::optional<SqlRow>> SqlConnection::QueryOne(std::string_view sql, const SqlParams& params) {
    std::optional<SqlRow> first;
    auto status = Query(sql, params, [&](const SqlRow& row) {
        first = row;
        return false;
    });
    if (!status) return core::Fail(status.error());
    return first;
}

core::Result<int64_t> CountRows(SqlConnection& db, std::string_view sql, const SqlParams& params) {
    // Read to the end rather than stopping at the first row: a statement left unfinished is
    // not one to rely on for what it wrote.
    int64_t rows = 0;
    auto status = db.Query(sql, params, [&](const SqlRow&) {
        ++rows;
        return true;
    });
    if (!status) return core::Fail(status.error());
    return rows;
}

core::Result<std::unique_ptr<SqlConnection>> Connect(const std::string& url, IfMissing if_missing) {
    if (url.starts_with("sqlite:")) return OpenSqlite(url.substr(7), if_missing);
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return OpenPostgres(url);
    return core::Fail(core::Error::InvalidArgument("unknown database '" + url +
                                                   "': use sqlite:PATH or postgresql://user@host:port/db"));
}

}  // namespace did::store
