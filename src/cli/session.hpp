// What the database commands share: the data directory, the database (--db, else $DID_DB,
// else sqlite:<data dir>/did.sqlite) opened and migrated, and who is acting (--as, else
// $DID_USER, else $USER) from where (this host), for the audit log. A command that only
// reads opens an existing database only: it never leaves an empty one behind.
#pragma once

#include <memory>
#include <string>

#include "cli/args.hpp"
#include "core/error.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace did::cli {

// The options every database command accepts, to add to its own.
std::vector<OptionSpec> WithSessionOptions(std::vector<OptionSpec> options);

struct Session {
    std::string data_dir;
    std::unique_ptr<store::Store> store;
    service::Actor actor;
};

// kReadOnly: the database (and, for SQLite, the data directory) must exist and hold the
// schema; otherwise NotFound, with a message that says how to create it. kReadWrite creates
// what is missing: for commands that store something.
enum class Access { kReadWrite, kReadOnly };

core::Result<Session> OpenSession(const Args& args, Access access = Access::kReadWrite);
std::string DatabaseUrl(const Args& args, const std::string& data_dir);

}  // namespace did::cli
