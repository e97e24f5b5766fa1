// Store: the database behind DID Collect, SQLite (embedded default) or PostgreSQL. Opening
// one connects and applies any pending schema migration. The tables are reached through
// small classes (OrganisationTable, SubmissionTable, …) that share this connection. Both
// backends run the same code over SqlConnection and pass one contract test suite.
// A Store is one connection: use it from one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/sql_connection.hpp"

namespace did::store {

class Store {
public:
    // `url`: "sqlite:PATH" or "postgresql://…". Migrates the schema to the latest version.
    static core::Result<std::unique_ptr<Store>> Open(const std::string& url);

    SqlConnection& db() { return *db_; }
    Dialect dialect() const { return db_->dialect(); }
    const std::string& url() const { return url_; }

    // Runs `work` in a write transaction: committed when it succeeds, rolled back otherwise.
    core::Status InTransaction(const std::function<core::Status()>& work);

private:
    Store(std::unique_ptr<SqlConnection> db, std::string url) : db_(std::move(db)), url_(std::move(url)) {}
    std::unique_ptr<SqlConnection> db_;
    std::string url_;
};

// The latest schema version this build knows, and the database's.
int LatestSchemaVersion(Dialect dialect);
core::Result<int> SchemaVersion(SqlConnection& db);
// Applies every migration newer than the database's version, each in its own transaction.
core::Result<int> Migrate(SqlConnection& db);

}  // namespace did::store
