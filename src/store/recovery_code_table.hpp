// RecoveryCodeTable: each user's one-time recovery codes, for signing in without the
// authenticator, kept as digests (the caller hashes; the codes themselves are shown once).
// One thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/sql_connection.hpp"

namespace did::store {

class RecoveryCodeTable {
  public:
    explicit RecoveryCodeTable(SqlConnection& db) : db_(db) {}

    // The user's codes become `digests`, the old ones (used or not) gone; in the caller's
    // transaction, so that a failure leaves the old set.
    core::Status Replace(int64_t user_id, const std::vector<std::string>& digests);
    // Marks the code used at `at` if it is the user's and unused, in one statement: true only
    // for its first use, even when two requests race.
    core::Result<bool> Use(int64_t user_id, const std::string& digest, const std::string& at);
    // How many of the user's codes are unused.
    core::Result<int64_t> Remaining(int64_t user_id);

  private:
    SqlConnection& db_;
};

}  // namespace did::store
