// What the database commands share: the data directory, the database (--db, else $DID_DB,
// else sqlite:<data dir>/did.sqlite) opened and migrated, and who is acting (--as, else
// $DID_USER, else $USER) from where (this host), for the audit log.
#pragma once

#include <memory>
#include <string>

#include "cli/options.hpp"
#include "core/error.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace did::cli {

struct Session {
    std::string data_dir;
    std::unique_ptr<store::Store> store;
    service::Actor actor;
};

core::Result<Session> OpenSession(const SessionOptions& options);
// --db, else $DID_DB, else sqlite:<data dir>/did.sqlite.
std::string DatabaseUrl(const SessionOptions& options);

}  // namespace did::cli
