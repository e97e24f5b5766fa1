// ThrottleTable: failed sign-ins counted per key ("user:NAME", "addr:ADDRESS") within a window,
// and lockouts, shared by every server process on the database. Each call is one statement,
// so two processes counting failures for one key at once lose none. Times are unix seconds.
// One thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/account_rows.hpp"
#include "store/sql_connection.hpp"

namespace did::store {

class ThrottleTable {
  public:
    explicit ThrottleTable(SqlConnection& db) : db_(db) {}

    // Counts a failure at `now`: the first of a new window (failures 1, window_start now) when
    // the key has none or its window started more than `window_seconds` ago, else one more.
    // Returns the row as the failure left it.
    core::Result<ThrottleRow> RecordFailure(const std::string& key, int64_t now, int64_t window_seconds);
    // Locks the key out until `until` (the caller compares it with the time).
    core::Status Lock(const std::string& key, int64_t until);
    core::Result<std::optional<ThrottleRow>> Find(const std::string& key);
    // Forgets the key: failures, window and lockout (a successful sign-in, an administrator).
    core::Status Clear(const std::string& key);
    // Removes the keys that no longer hold anything back: their window ended before
    // `now - window_seconds` and their lock, if any, has passed. So names and addresses tried
    // once by someone guessing do not pile up. Returns how many went.
    core::Result<int64_t> DeleteStale(int64_t now, int64_t window_seconds);

  private:
    SqlConnection& db_;
};

}  // namespace did::store
