// Store: the database behind DID Collect, SQLite (embedded default) or PostgreSQL. Opening
// one connects, reads the schema version (a read, so it never waits behind a writer) and
// only when that is behind takes the write lock to migrate. The tables are reached through
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
    // `url`: "sqlite:PATH" or "postgresql://…". Migrates the schema to the latest version when
    // it is behind. With IfMissing::kFail a database that is not there, or holds no schema
    // yet, is not created: NotFound instead (for commands that only read).
    static core::Result<std::unique_ptr<Store>> Open(const std::string& url, IfMissing if_missing = IfMissing::kCreate);

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

// `url` without its password, for messages.
std::string DisplayedUrl(const std::string& url);

// The latest schema version this build knows, and the database's (0: no schema). Reading the
// version takes no lock.
int LatestSchemaVersion(Dialect dialect);
core::Result<int> SchemaVersion(SqlConnection& db);
// Applies every migration newer than the database's version, each in its own transaction
// under the write lock, reading the version again under it.
core::Result<int> Migrate(SqlConnection& db);

}  // namespace did::store
