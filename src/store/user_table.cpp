#include "store/user_table.hpp"

namespace did::store {
namespace {

constexpr const char* kColumns =
    "id, name, display_name, organisation, role, password_hash, totp_secret, totp_last_step, second_factor, "
    "disabled, created_at, created_by, password_changed_at";

// ASCII letters only: what a sign-in name is compared on. Anything else is compared as it is.
std::string Lower(std::string name) {
    for (char& c : name) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return name;
}

core::Result<UserRow> FromRow(const SqlRow& r) {
    UserRow u;
    u.id = r.Int(0);
    u.name = r.Text(1);
    u.display_name = r.Text(2);
    u.organisation = r.Text(3);
    u.role = r.Text(4);
    u.password_hash = r.Text(5);
    u.totp_secret = r.Text(6);
    u.totp_last_step = r.Int(7);
    u.second_factor = r.Text(8);
    u.disabled = r.Int(9) != 0;
    u.created_at = r.Text(10);
    u.created_by = r.Text(11);
    u.password_changed_at = r.Text(12);
    return u;
}

core::Result<std::optional<UserRow>> FindOne(SqlConnection& db, const std::string& where, const SqlParams& params) {
    auto rows =
        ReadRows<UserRow>(db, std::string("SELECT ") + kColumns + " FROM users WHERE " + where, params, FromRow);
    if (!rows) return core::Fail(rows.error());
    if (rows->empty()) return std::optional<UserRow>();
    return std::optional<UserRow>(std::move(rows->front()));
}

}  // namespace

core::Result<int64_t> UserTable::Add(const UserRow& u) {
    const std::string name = Lower(u.name);
    // DO NOTHING rather than an error from the unique index: a taken name is an answer, and
    // the caller's transaction stays usable on PostgreSQL.
    auto row = db_.QueryOne(
        "INSERT INTO users (name, display_name, organisation, role, password_hash, totp_secret, totp_last_step, "
        "second_factor, disabled, created_at, created_by, password_changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING id",
        {name, u.display_name, u.organisation, u.role, u.password_hash, u.totp_secret, u.totp_last_step,
         u.second_factor, int64_t{u.disabled ? 1 : 0}, u.created_at, u.created_by, u.password_changed_at});
    if (!row) return core::Fail(row.error());
    if (!*row) return core::Fail(core::Error::Conflict("there is already a user named " + name));
    return (*row)->Int(0);
}

core::Result<std::optional<UserRow>> UserTable::FindByName(const std::string& name) {
    return FindOne(db_, "name = ?", {Lower(name)});
}

core::Result<std::optional<UserRow>> UserTable::FindById(int64_t id) {
    return FindOne(db_, "id = ?", {id});
}

core::Result<std::vector<UserRow>> UserTable::List(const std::string& organisation) {
    return ReadRows<UserRow>(
        db_, std::string("SELECT ") + kColumns + " FROM users WHERE (? = '' OR organisation = ?) ORDER BY name",
        {organisation, organisation}, FromRow);
}

core::Status UserTable::UpdateOne(int64_t id, const std::string& sql, const SqlParams& params) {
    auto changed = CountRows(db_, sql, params);
    if (!changed) return core::Fail(changed.error());
    if (*changed == 0) return core::Fail(core::Error::NotFound("there is no user " + std::to_string(id)));
    return {};
}

core::Status UserTable::SetPassword(int64_t id, const std::string& hash, const std::string& at) {
    return UpdateOne(id, "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ? RETURNING id",
                     {hash, at, id});
}

core::Status UserTable::SetDisabled(int64_t id, bool disabled) {
    return UpdateOne(id, "UPDATE users SET disabled = ? WHERE id = ? RETURNING id", {int64_t{disabled ? 1 : 0}, id});
}

core::Status UserTable::SetTotp(int64_t id, const std::string& secret, int64_t last_step) {
    return UpdateOne(id, "UPDATE users SET totp_secret = ?, totp_last_step = ? WHERE id = ? RETURNING id",
                     {secret, last_step, id});
}

core::Status UserTable::SetSecondFactor(int64_t id, const std::string& second_factor) {
    if (second_factor != "required" && second_factor != "off") {
        return core::Fail(
            core::Error::InvalidArgument("a second factor is 'required' or 'off', not '" + second_factor + "'"));
    }
    return UpdateOne(id, "UPDATE users SET second_factor = ? WHERE id = ? RETURNING id", {second_factor, id});
}

core::Result<bool> UserTable::UseTotpStep(int64_t id, int64_t step) {
    // The comparison is in the UPDATE itself: the database serialises two of them on the row,
    // and the second sees the first's step (PostgreSQL re-checks the WHERE on the updated row).
    auto changed = CountRows(
        db_, "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ? RETURNING id", {step, id, step});
    if (!changed) return core::Fail(changed.error());
    return *changed > 0;
}

}  // namespace did::store
