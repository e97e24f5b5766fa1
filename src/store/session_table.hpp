// SessionTable: the portal's sessions, one row per signed-in (or half signed-in) browser, by
// the SHA-256 of its cookie, so that any server process on the database knows it and a copy
// of the table signs no one in. A session does not change stage: signing in fully replaces it
// with a new one (a new cookie). Times are unix seconds. One thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/account_rows.hpp"
#include "store/sql_connection.hpp"

namespace did::store {

class SessionTable {
  public:
    explicit SessionTable(SqlConnection& db) : db_(db) {}

    // InvalidArgument for a stage other than "password" or "signed_in".
    core::Status Create(const SessionRow& row);
    core::Result<std::optional<SessionRow>> Find(const std::string& id_digest);
    // Seen at `now`; never moves last_seen_at back (another process may have seen it later).
    core::Status Touch(const std::string& id_digest, int64_t now);
    core::Status Delete(const std::string& id_digest);
    // Signs the user out everywhere (a password change, a disabled account).
    core::Status DeleteForUser(int64_t user_id);
    // Removes sessions idle for more than `idle_seconds` or older than `absolute_seconds`, and
    // says how many.
    core::Result<int64_t> DeleteExpired(int64_t now, int64_t idle_seconds, int64_t absolute_seconds);

  private:
    SqlConnection& db_;
};

}  // namespace did::store
