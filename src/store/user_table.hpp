// UserTable: the portal's users: sign-in name, organisation, role, password hash and second
// factor. Names are compared case-insensitively by being stored lower-cased (ASCII letters;
// the table lower-cases on write and lookup). One thread; each call is one statement.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/account_rows.hpp"
#include "store/sql_connection.hpp"

namespace did::store {

class UserTable {
  public:
    explicit UserTable(SqlConnection& db) : db_(db) {}

    // Stores `row` (its id is ignored) and returns the new id; Conflict when the name is taken.
    core::Result<int64_t> Add(const UserRow& row);
    core::Result<std::optional<UserRow>> FindByName(const std::string& name);
    core::Result<std::optional<UserRow>> FindById(int64_t id);
    // One organisation's users, or everyone's for "", by name.
    core::Result<std::vector<UserRow>> List(const std::string& organisation);

    // Each of these is NotFound when there is no user `id`.
    core::Status SetPassword(int64_t id, const std::string& hash, const std::string& at);
    core::Status SetDisabled(int64_t id, bool disabled);
    // Enrols a TOTP secret, or resets enrolment with "" (last_step 0 then).
    core::Status SetTotp(int64_t id, const std::string& secret, int64_t last_step);
    // "required" or "off" (demo users only); InvalidArgument for anything else.
    core::Status SetSecondFactor(int64_t id, const std::string& second_factor);

    // Accepts TOTP time step `step` only if it is later than the last one accepted, and records
    // it, in one statement: of two requests with the same code, even from two server
    // processes, only one gets true.
    core::Result<bool> UseTotpStep(int64_t id, int64_t step);

  private:
    // Runs an `UPDATE users … WHERE id = ? RETURNING id` whose last parameter is `id`.
    core::Status UpdateOne(int64_t id, const std::string& sql, const SqlParams& params);

    SqlConnection& db_;
};

}  // namespace did::store
