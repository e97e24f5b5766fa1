// ApiTokenTable: tokens an organisation's systems submit with, by the SHA-256 of the token
// (the caller hashes; the token itself is shown once), with who made each, when it expires,
// its revocation and its last use. One thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/account_rows.hpp"
#include "store/sql_connection.hpp"

namespace did::store {

class ApiTokenTable {
  public:
    explicit ApiTokenTable(SqlConnection& db) : db_(db) {}

    // Stores `row` (its id, revocation and last use are ignored) and returns the new id;
    // Conflict when a token with the same digest exists.
    core::Result<int64_t> Create(const ApiTokenRow& row);
    core::Result<std::optional<ApiTokenRow>> FindByDigest(const std::string& digest);
    core::Result<std::optional<ApiTokenRow>> FindById(int64_t id);
    // One organisation's tokens, or every token for "", oldest first; revoked ones too.
    core::Result<std::vector<ApiTokenRow>> List(const std::string& organisation);
    // Revokes the token; a token already revoked keeps its first revocation. NotFound when
    // there is no token `id`.
    core::Status Revoke(int64_t id, const std::string& at, const std::string& by);
    core::Status MarkUsed(int64_t id, const std::string& at);

  private:
    core::Result<std::optional<ApiTokenRow>> FindOne(const std::string& where, const SqlParams& params);

    SqlConnection& db_;
};

}  // namespace did::store
