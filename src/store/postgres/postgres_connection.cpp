#include "store/postgres/postgres_connection.hpp"

#include "store/postgres/libpq.hpp"

#include <unordered_map>

#include "store/postgres/postgres_copy_loader.hpp"

#include <cstdio>

namespace did::store {

std::string NumberPlaceholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    char quote = 0;
    for (char c : sql) {
        if (quote != 0) {
            if (c == quote) quote = 0;
            out += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '?') {
            out += '$' + std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

struct Result {
    PGresult* r;
    explicit Result(PGresult* result) : r(result) {}
    ~Result() { Pq().clear(r); }
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;
};

class PostgresConnection final : public SqlConnection {
  public:
    explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
    ~PostgresConnection() override { Pq().finish(conn_); }

    Dialect dialect() const override { return Dialect::kPostgres; }

    core::Status ExecuteScript(std::string_view sql) override {
        Result result(Pq().exec(conn_, std::string(sql).c_str()));
        const auto status = Pq().resultStatus(result.r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            return core::Fail(core::Error::IoError("PostgreSQL: " + ErrorMessage(conn_)));
        }
        return {};
    }

    core::Status Execute(std::string_view sql, const SqlParams& params) override {
        return Query(sql, params, [](const SqlRow&) { return true; });
    }

    core::Status Query(std::string_view sql, const SqlParams& params,
                       const std::function<bool(const SqlRow&)>& row) override {
        const std::string text = NumberPlaceholders(sql);
        std::vector<std::string> storage(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (size_t i = 0; i < params.size(); ++i) {
            if (const auto* v = std::get_if<int64_t>(&params[i])) {
                storage[i] = std::to_string(*v);
            } else if (const auto* d = std::get_if<double>(&params[i])) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.17g", *d);
                storage[i] = buf;
            } else if (const auto* t = std::get_if<std::string>(&params[i])) {
                storage[i] = *t;
            } else {
                continue;  // NULL
            }
            values[i] = storage[i].c_str();
        }
        if (Pq().sendQueryParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr, values.data(), nullptr,
                                 nullptr, 0) != 1) {
            return core::Fail(core::Error::IoError("PostgreSQL: " + ErrorMessage(conn_)));
        }
        Pq().setSingleRowMode(conn_);
        bool wanted = true;
        std::string failure;
        while (PGresult* raw = Pq().getResult(conn_)) {
            Result result(raw);
            const auto status = Pq().resultStatus(raw);
            if (status == PGRES_SINGLE_TUPLE && wanted) {
                const int columns = Pq().nfields(raw);
                std::vector<std::optional<std::string>> cells(static_cast<size_t>(columns));
                for (int c = 0; c < columns; ++c) {
                    if (!Pq().getisnull(raw, 0, c)) {
                        cells[static_cast<size_t>(c)] =
                            std::string(Pq().getvalue(raw, 0, c), static_cast<size_t>(Pq().getlength(raw, 0, c)));
                    }
                }
                wanted = row(SqlRow(std::move(cells)));
            } else if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
                failure = Pq().resultErrorMessage(raw);
            }
        }
        if (!failure.empty()) {
            while (!failure.empty() && failure.back() == '\n') failure.pop_back();
            return core::Fail(core::Error::IoError("PostgreSQL: " + failure));
        }
        return {};
    }

    core::Status Begin() override { return ExecuteScript("BEGIN"); }
    core::Status BeginRead() override { return ExecuteScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
    core::Status Commit() override { return ExecuteScript("COMMIT"); }
    core::Status Rollback() override {
        if (Pq().transactionStatus(conn_) == PQTRANS_IDLE) return {};
        return ExecuteScript("ROLLBACK");
    }

    core::Status LockKey(std::string_view key) override {
        return Execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", {std::string(key)});
    }

    core::Result<std::unique_ptr<BulkLoader>> BeginBulk(std::string_view table,
                                                        const std::vector<std::string>& columns) override {
        auto types = ColumnTypes(table);
        if (!types) return core::Fail(types.error());
        std::vector<CopyColumn> encodings;
        for (const std::string& column : columns) {
            const auto it = (*types)->find(column);
            if (it == (*types)->end()) {
                return core::Fail(core::Error::InvalidArgument("no column " + column + " in " + std::string(table)));
            }
            const auto encoding = CopyColumnFor(it->second);
            if (!encoding) {
                return core::Fail(core::Error::InvalidArgument("bulk loads do not handle column " + column +
                                                               " of type " + it->second));
            }
            encodings.push_back(*encoding);
        }
        return StartCopy(conn_, table, columns, std::move(encodings));
    }

    core::Result<std::string> IntegrityCheck() override {
        // B-tree invariants of every index of ours, when the amcheck extension is available.
        auto available = QueryOne("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'");
        if (!available) return core::Fail(available.error());
        if (!*available) return std::string();
        std::string problems;
        auto status = Query(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE a.amname = 'btree' AND n.nspname = current_schema() AND c.relkind = 'i'",
            {}, [&](const SqlRow& row) {
                indexes_.push_back(row.Text(0));
                return true;
            });
        if (!status) return core::Fail(status.error());
        for (const std::string& index : indexes_) {
            if (auto checked = Execute("SELECT bt_index_check(?::regclass, true)", {index}); !checked) {
                problems += index + ": " + checked.error().message + "\n";
            }
        }
        indexes_.clear();
        return problems;
    }

  private:
    // Column name -> type name of a table, asked once per connection and table.
    core::Result<const std::unordered_map<std::string, std::string>*> ColumnTypes(std::string_view table) {
        const std::string key(table);
        if (const auto it = column_types_.find(key); it != column_types_.end()) return &it->second;
        std::unordered_map<std::string, std::string> types;
        auto status = Query(
            "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
            "WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped",
            {key}, [&](const SqlRow& row) {
                types.emplace(row.Text(0), row.Text(1));
                return true;
            });
        if (!status) return core::Fail(status.error());
        return &column_types_.emplace(key, std::move(types)).first->second;
    }

    PGconn* conn_;
    std::unordered_map<std::string, std::unordered_map<std::string, std::string>> column_types_;
    std::vector<std::string> indexes_;
};

}  // namespace

core::Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& url) {
    if (auto loaded = Libpq::Load(); !loaded) return core::Fail(loaded.error());
    PGconn* conn = Pq().connectdb(url.c_str());
    if (Pq().status(conn) != CONNECTION_OK) {
        std::string why = ErrorMessage(conn);
        Pq().finish(conn);
        return core::Fail(core::Error::IoError("cannot connect to PostgreSQL: " + why));
    }
    auto connection = std::make_unique<PostgresConnection>(conn);
    if (auto status = connection->ExecuteScript("SET client_min_messages = warning"); !status) {
        return core::Fail(status.error());
    }
    return std::unique_ptr<SqlConnection>(std::move(connection));
}

}  // namespace did::store
