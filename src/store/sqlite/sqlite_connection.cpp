#include "store/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <unordered_map>

namespace did::store {
namespace {

core::Error SqliteError(sqlite3* db, std::string_view what) {
    return core::Error::IoError(std::string(what) + ": " + sqlite3_errmsg(db));
}

class SqliteConnection;

class SqliteBulkLoader final : public BulkLoader {
  public:
    SqliteBulkLoader(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
    ~SqliteBulkLoader() override { sqlite3_finalize(statement_); }

    core::Status Add(const BulkRow& row) override {
        for (size_t i = 0; i < row.size(); ++i) {
            const int index = static_cast<int>(i) + 1;
            int rc = SQLITE_OK;
            if (const auto* text = std::get_if<std::string_view>(&row[i])) {
                rc = sqlite3_bind_text(statement_, index, text->data(), static_cast<int>(text->size()), SQLITE_STATIC);
            } else if (const auto* number = std::get_if<int64_t>(&row[i])) {
                rc = sqlite3_bind_int64(statement_, index, *number);
            } else {
                rc = sqlite3_bind_null(statement_, index);
            }
            if (rc != SQLITE_OK) return core::Fail(SqliteError(db_, "binding a row"));
        }
        if (sqlite3_step(statement_) != SQLITE_DONE) return core::Fail(SqliteError(db_, "inserting a row"));
        sqlite3_reset(statement_);
        return {};
    }

    core::Status Finish() override { return {}; }

  private:
    sqlite3* db_;
    sqlite3_stmt* statement_;
};

class SqliteConnection final : public SqlConnection {
  public:
    explicit SqliteConnection(sqlite3* db) : db_(db) {}
    ~SqliteConnection() override {
        for (auto& [sql, statement] : cache_) sqlite3_finalize(statement);
        sqlite3_close_v2(db_);
    }

    Dialect dialect() const override { return Dialect::kSqlite; }

    core::Status ExecuteScript(std::string_view sql) override {
        char* message = nullptr;
        if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            std::string text = message != nullptr ? message : "unknown error";
            sqlite3_free(message);
            return core::Fail(core::Error::IoError("SQLite: " + text));
        }
        return {};
    }

    core::Status Execute(std::string_view sql, const SqlParams& params) override {
        return Query(sql, params, [](const SqlRow&) { return true; });
    }

    core::Status Query(std::string_view sql, const SqlParams& params,
                       const std::function<bool(const SqlRow&)>& row) override {
        auto statement = Prepare(sql);
        if (!statement) return core::Fail(statement.error());
        sqlite3_stmt* s = *statement;
        for (size_t i = 0; i < params.size(); ++i) {
            const int index = static_cast<int>(i) + 1;
            int rc = SQLITE_OK;
            if (const auto* v = std::get_if<int64_t>(&params[i])) {
                rc = sqlite3_bind_int64(s, index, *v);
            } else if (const auto* d = std::get_if<double>(&params[i])) {
                rc = sqlite3_bind_double(s, index, *d);
            } else if (const auto* t = std::get_if<std::string>(&params[i])) {
                rc = sqlite3_bind_text(s, index, t->data(), static_cast<int>(t->size()), SQLITE_TRANSIENT);
            } else {
                rc = sqlite3_bind_null(s, index);
            }
            if (rc != SQLITE_OK) {
                sqlite3_reset(s);
                return core::Fail(SqliteError(db_, "binding a parameter"));
            }
        }
        const int columns = sqlite3_column_count(s);
        while (true) {
            const int rc = sqlite3_step(s);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) {
                auto error = SqliteError(db_, "running a statement");
                sqlite3_reset(s);
                sqlite3_clear_bindings(s);
                return core::Fail(error);
            }
            std::vector<std::optional<std::string>> cells(static_cast<size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                if (sqlite3_column_type(s, c) == SQLITE_NULL) continue;
                const auto* text = static_cast<const char*>(sqlite3_column_blob(s, c));
                cells[static_cast<size_t>(c)] =
                    std::string(text != nullptr ? text : "", static_cast<size_t>(sqlite3_column_bytes(s, c)));
            }
            if (!row(SqlRow(std::move(cells)))) break;
        }
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        return {};
    }

    core::Status Begin() override { return ExecuteScript("BEGIN IMMEDIATE"); }
    core::Status BeginRead() override { return ExecuteScript("BEGIN DEFERRED"); }
    core::Status Commit() override { return ExecuteScript("COMMIT"); }
    core::Status Rollback() override {
        if (sqlite3_get_autocommit(db_) != 0) return {};  // nothing open
        return ExecuteScript("ROLLBACK");
    }
    core::Status LockKey(std::string_view) override { return {}; }

    core::Result<std::unique_ptr<BulkLoader>> BeginBulk(std::string_view table,
                                                        const std::vector<std::string>& columns) override {
        std::string sql = "INSERT INTO " + std::string(table) + " (";
        std::string marks;
        for (size_t i = 0; i < columns.size(); ++i) {
            sql += (i ? "," : "") + columns[i];
            marks += i ? ",?" : "?";
        }
        sql += ") VALUES (" + marks + ")";
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) {
            return core::Fail(SqliteError(db_, "preparing " + sql));
        }
        return std::unique_ptr<BulkLoader>(new SqliteBulkLoader(db_, statement));
    }

    core::Result<std::string> IntegrityCheck() override {
        std::string problems;
        auto status = Query("PRAGMA integrity_check", {}, [&](const SqlRow& row) {
            if (row.Text(0) != "ok") problems += row.Text(0) + "\n";
            return true;
        });
        if (!status) return core::Fail(status.error());
        return problems;
    }

  private:
    core::Result<sqlite3_stmt*> Prepare(std::string_view sql) {
        const std::string key(sql);
        if (auto it = cache_.find(key); it != cache_.end()) return it->second;
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, key.c_str(), static_cast<int>(key.size()), &statement, nullptr) != SQLITE_OK) {
            return core::Fail(SqliteError(db_, "preparing a statement"));
        }
        cache_[key] = statement;
        return statement;
    }

    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

core::Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path, IfMissing if_missing) {
    if (if_missing == IfMissing::kFail && !std::filesystem::exists(path)) {
        return core::Fail(core::Error::NotFound("there is no database at " + path));
    }
    sqlite3* db = nullptr;
    // Without SQLITE_OPEN_CREATE a file removed since the check above is not made again.
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (if_missing == IfMissing::kCreate ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        std::string why = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close_v2(db);
        return core::Fail(core::Error::IoError("cannot open the database " + path + ": " + why));
    }
    sqlite3_busy_timeout(db, 120000);  // another submission holding the write lock: wait for it
    auto connection = std::make_unique<SqliteConnection>(db);
    // Durable commits (WAL, synchronous=FULL). A database is mostly a month of records loaded
    // in bulk: large pages (they take effect when the file is created) and a 64 MB cache make
    // that load about a quarter quicker than the defaults.
    auto status = connection->ExecuteScript(
        "PRAGMA page_size=65536; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
    if (!status) return core::Fail(status.error());
    return std::unique_ptr<SqlConnection>(std::move(connection));
}

}  // namespace did::store
