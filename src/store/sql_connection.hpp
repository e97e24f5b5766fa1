// SqlConnection: the little a store needs from a SQL database, so that one store serves
// SQLite and PostgreSQL: statements with `?` placeholders (rewritten for PostgreSQL),
// transactions, streamed results, and a bulk loader (prepared inserts on SQLite, COPY on
// PostgreSQL). One connection per thread; not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace did::store {

enum class Dialect { kSqlite, kPostgres };

// A parameter or a result cell. Text cells also carry integers and dates as text.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;
using SqlParams = std::vector<SqlValue>;

// One result row; cells are text (or null), as both databases can render them.
class SqlRow {
  public:
    explicit SqlRow(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
    size_t size() const { return cells_.size(); }
    bool IsNull(size_t i) const { return !cells_[i].has_value(); }
    const std::string& Text(size_t i) const;  // "" for null
    int64_t Int(size_t i) const;              // 0 for null
    std::optional<std::string> Optional(size_t i) const { return cells_[i]; }

  private:
    std::vector<std::optional<std::string>> cells_;
};

// One value of a bulk-loaded row: NULL, a whole number or text (borrowed until Add returns).
using BulkValue = std::variant<std::monostate, int64_t, std::string_view>;
using BulkRow = std::vector<BulkValue>;

// Text, or NULL when empty: an empty field in a submission means "not supplied".
inline BulkValue TextOrNull(std::string_view text) {
    return text.empty() ? BulkValue{} : BulkValue{text};
}

// Rows for a table, in the column order given when it was opened.
class BulkLoader {
  public:
    virtual ~BulkLoader() = default;
    virtual core::Status Add(const BulkRow& row) = 0;
    virtual core::Status Finish() = 0;
};

class SqlConnection {
  public:
    virtual ~SqlConnection() = default;
    virtual Dialect dialect() const = 0;

    // Runs one or more statements with no parameters.
    virtual core::Status ExecuteScript(std::string_view sql) = 0;
    virtual core::Status Execute(std::string_view sql, const SqlParams& params = {}) = 0;
    // Calls `row` for each result row; stops early when it returns false.
    virtual core::Status Query(std::string_view sql, const SqlParams& params,
                               const std::function<bool(const SqlRow&)>& row) = 0;
    // The first row, if any.
    core::Result<std::optional<SqlRow>> QueryOne(std::string_view sql, const SqlParams& params = {});

    // A write transaction. SQLite takes the database's write lock at once (BEGIN IMMEDIATE),
    // so writers queue instead of failing halfway.
    virtual core::Status Begin() = 0;
    // A read-only transaction: every query until Commit or Rollback sees the same snapshot, and
    // none waits for a writer (SQLite: a deferred transaction; PostgreSQL: REPEATABLE READ).
    virtual core::Status BeginRead() = 0;
    virtual core::Status Commit() = 0;
    virtual core::Status Rollback() = 0;

    // Serialises writers of one key (a provider's period) until the transaction ends:
    // an advisory lock on PostgreSQL; on SQLite the write lock already does it.
    virtual core::Status LockKey(std::string_view key) = 0;

    virtual core::Result<std::unique_ptr<BulkLoader>> BeginBulk(std::string_view table,
                                                                const std::vector<std::string>& columns) = 0;

    // The database's own consistency check; empty when all is well.
    virtual core::Result<std::string> IntegrityCheck() = 0;
};

// What connecting does when the database is not there: a SQLite file is created, unless
// kFail says not to (NotFound then); a PostgreSQL database is never created by connecting.
enum class IfMissing { kCreate, kFail };

// Every row `sql` returns, each read with `from_row` (which returns a core::Result), or the
// error of the first row that cannot be read.
template <class Row, class FromRow>
core::Result<std::vector<Row>> ReadRows(SqlConnection& db, std::string_view sql, const SqlParams& params,
                                        FromRow from_row) {
    std::vector<Row> rows;
    std::optional<core::Error> unreadable;
    auto status = db.Query(sql, params, [&](const SqlRow& r) {
        auto row = from_row(r);
        if (!row) {
            unreadable = row.error();
            return false;
        }
        rows.push_back(std::move(*row));
        return true;
    });
    if (!status) return core::Fail(status.error());
    if (unreadable) return core::Fail(*unreadable);
    return rows;
}

// How many rows `sql` returns, every one read. With `… RETURNING`, how many rows an INSERT,
// UPDATE or DELETE changed: both backends have RETURNING, so neither needs a count of its own,
// and a conditional UPDATE says in the same statement whether it won (a replay guard).
core::Result<int64_t> CountRows(SqlConnection& db, std::string_view sql, const SqlParams& params);

// "sqlite:PATH" or "postgresql://…" (also "postgres://…").
core::Result<std::unique_ptr<SqlConnection>> Connect(const std::string& url, IfMissing if_missing = IfMissing::kCreate);

}  // namespace did::store
