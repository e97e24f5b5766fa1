// What the database commands share: the data directory, the database (--db, else $DID_DB,
// else sqlite:<data dir>/did.sqlite) opened and migrated, and who is acting (--as, else
// $DID_USER, else $USER) from where (this host), for the audit log. A command that only
// reads opens an existing database only: it never leaves an empty one behind.
#pragma once

#include <memory>
#include <string>

#include "cli/options.hpp"
#include "core/error.hpp"
#include "service/actor.hpp"
#include "service/database.hpp"

namespace did::cli {

struct Session {
    std::string data_dir;
    std::unique_ptr<store::Store> store;
    service::Actor actor;
};

// kReadOnly: the database (and, for SQLite, the data directory) must exist and hold the
// schema; otherwise NotFound, with a message that says how to create it. kReadWrite creates
// what is missing: for commands that store something.
using service::Access;

core::Result<Session> OpenSession(const SessionOptions& options, Access access = Access::kReadWrite);
// --db, else $DID_DB, else sqlite:<data dir>/did.sqlite.
std::string DatabaseUrl(const SessionOptions& options);

}  // namespace did::cli
