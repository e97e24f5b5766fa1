#include "service/accounts.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "service/audit_trail.hpp"
#include "service/password_hash.hpp"
#include "store/recovery_code_table.hpp"
#include "store/session_table.hpp"
#include "store/user_table.hpp"

namespace did::service {
namespace {

constexpr Role kRoles[] = {Role::kProviderSubmitter, Role::kProviderViewer, Role::kGpPracticeUser, Role::kAnalyst,
                           Role::kCentralAdministrator};

std::string Subject(const std::string& name) {
    return "user " + name;
}

// Sign-in names: what a person can type and a log can show without escaping.
bool PlainName(const std::string& name) {
    if (name.size() < 2 || name.size() > 64) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
               c == '_' || c == '@';
    });
}

}  // namespace

core::Result<User> UserFromRow(const store::UserRow& row) {
    auto role = ParseRole(row.role);
    if (!role) return core::Fail(core::Error::Internal("user " + row.name + " has an unreadable role"));
    User user;
    user.id = row.id;
    user.name = row.name;
    user.display_name = row.display_name;
    user.organisation = row.organisation;
    user.role = *role;
    user.disabled = row.disabled;
    user.second_factor_required = row.second_factor != "off";
    user.enrolled = !row.totp_secret.empty();
    return user;
}

namespace {

core::Result<store::UserRow> Existing(store::Store& store, const std::string& name) {
    auto row = store::UserTable(store.db()).FindByName(name);
    if (!row) return core::Fail(row.error());
    if (!*row) return core::Fail(core::Error::NotFound("there is no user named " + name));
    return **row;
}

}  // namespace

std::string_view RoleName(Role role) {
    switch (role) {
        case Role::kProviderSubmitter:
            return "provider_submitter";
        case Role::kProviderViewer:
            return "provider_viewer";
        case Role::kGpPracticeUser:
            return "gp_practice_user";
        case Role::kAnalyst:
            return "analyst";
        case Role::kCentralAdministrator:
            return "central_administrator";
    }
    return "provider_viewer";
}

std::optional<Role> ParseRole(std::string_view name) {
    for (const Role role : kRoles) {
        if (RoleName(role) == name) return role;
    }
    return std::nullopt;
}

core::Result<User> AddUser(store::Store& store, const Actor& actor, const NewUser& user) {
    if (!PlainName(user.name)) {
        return core::Fail(core::Error::InvalidArgument(
            "a user name has 2 to 64 letters, digits and . - _ @ (such as jo.bloggs@nhs.net)"));
    }
    if (user.organisation.empty()) return core::Fail(core::Error::InvalidArgument("a user belongs to an organisation"));
    if (auto problem = PasswordProblem(user.password, user.name)) {
        return core::Fail(core::Error::InvalidArgument(*problem));
    }
    auto hash = HashPassword(user.password);
    if (!hash) return core::Fail(hash.error());
    store::UserRow row;
    row.name = user.name;
    row.display_name = user.display_name.empty() ? user.name : user.display_name;
    row.organisation = user.organisation;
    row.role = std::string(RoleName(user.role));
    row.password_hash = *hash;
    row.second_factor = user.second_factor_off ? "off" : "required";
    row.created_at = core::UtcTimestamp();
    row.created_by = actor.name;
    row.password_changed_at = row.created_at;
    int64_t id = 0;
    auto done = store.InTransaction([&]() -> core::Status {
        auto added = store::UserTable(store.db()).Add(row);
        if (!added) return core::Fail(added.error());
        id = *added;
        return Written(
            Record(store, actor, "user.added", Subject(user.name),
                   {{"organisation", row.organisation}, {"role", row.role}, {"second_factor", row.second_factor}}));
    });
    if (!done) return core::Fail(done.error());
    row.id = id;
    auto stored = store::UserTable(store.db()).FindById(id);
    if (!stored) return core::Fail(stored.error());
    return UserFromRow(stored->value_or(row));
}

core::Status SetUserDisabled(store::Store& store, const Actor& actor, const std::string& name, bool disabled) {
    auto row = Existing(store, name);
    if (!row) return core::Fail(row.error());
    return store.InTransaction([&]() -> core::Status {
        if (auto set = store::UserTable(store.db()).SetDisabled(row->id, disabled); !set) return set;
        if (auto ended = store::SessionTable(store.db()).DeleteForUser(row->id); !ended) return ended;
        return Written(Record(store, actor, disabled ? "user.disabled" : "user.enabled", Subject(row->name), {}));
    });
}

core::Status ResetUser(store::Store& store, const Actor& actor, const std::string& name,
                       const std::optional<std::string>& password, bool second_factor) {
    auto row = Existing(store, name);
    if (!row) return core::Fail(row.error());
    std::string hash;
    if (password) {
        if (auto problem = PasswordProblem(*password, row->name)) {
            return core::Fail(core::Error::InvalidArgument(*problem));
        }
        auto hashed = HashPassword(*password);
        if (!hashed) return core::Fail(hashed.error());
        hash = *hashed;
    }
    return store.InTransaction([&]() -> core::Status {
        store::UserTable users(store.db());
        if (password) {
            if (auto set = users.SetPassword(row->id, hash, core::UtcTimestamp()); !set) return set;
        }
        if (second_factor) {
            if (auto set = users.SetTotp(row->id, "", 0); !set) return set;
            if (auto set = store::RecoveryCodeTable(store.db()).Replace(row->id, {}); !set) return set;
        }
        if (auto ended = store::SessionTable(store.db()).DeleteForUser(row->id); !ended) return ended;
        return Written(Record(
            store, actor, "user.reset", Subject(row->name),
            {{"password", password ? "new" : "kept"}, {"second_factor", second_factor ? "enrol again" : "kept"}}));
    });
}

core::Result<std::optional<User>> FindUser(store::Store& store, const std::string& name) {
    auto row = store::UserTable(store.db()).FindByName(name);
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<User>();
    auto user = UserFromRow(**row);
    if (!user) return core::Fail(user.error());
    return std::optional<User>(std::move(*user));
}

core::Result<std::vector<User>> ListUsers(store::Store& store, const std::string& organisation) {
    auto rows = store::UserTable(store.db()).List(organisation);
    if (!rows) return core::Fail(rows.error());
    std::vector<User> users;
    for (const auto& row : *rows) {
        auto user = UserFromRow(row);
        if (!user) return core::Fail(user.error());
        users.push_back(std::move(*user));
    }
    return users;
}

}  // namespace did::service
