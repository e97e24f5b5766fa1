// The portal's users: who they are, which organisation they belong to and their role. Added,
// disabled and reset by the central team (the first administrator from the command line); a
// change that affects a user's access ends their sessions. Every change is audited. Passwords
// are kept only as argon2id hashes; second-factor secrets only in the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "service/actor.hpp"
#include "store/account_rows.hpp"
#include "store/store.hpp"

namespace did::service {

// The words the database, the command line and the API use: provider_submitter, …
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct User {
    int64_t id = 0;
    std::string name;  // the sign-in name, lower case
    std::string display_name;
    std::string organisation;  // an ODS code
    Role role = Role::kProviderViewer;
    bool disabled = false;
    bool second_factor_required = true;  // false only for demo users
    bool enrolled = false;               // has an authenticator app
};

struct NewUser {
    std::string name;
    std::string display_name;
    std::string organisation;
    Role role = Role::kProviderViewer;
    std::string password;
    bool second_factor_off = false;  // demo data only
};

// The user a row of the users table describes; Internal for a row this code did not write.
core::Result<User> UserFromRow(const store::UserRow& row);

core::Result<User> AddUser(store::Store& store, const Actor& actor, const NewUser& user);
core::Status SetUserDisabled(store::Store& store, const Actor& actor, const std::string& name, bool disabled);
// A new password (when given; checked against the password rules) and/or a new second factor
// (the user enrols again at next sign-in). Ends the user's sessions.
core::Status ResetUser(store::Store& store, const Actor& actor, const std::string& name,
                       const std::optional<std::string>& password, bool second_factor);
core::Result<std::optional<User>> FindUser(store::Store& store, const std::string& name);
core::Result<std::vector<User>> ListUsers(store::Store& store, const std::string& organisation);

}  // namespace did::service
