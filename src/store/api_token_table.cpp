#include "store/api_token_table.hpp"

namespace did::store {
namespace {

constexpr const char* kColumns =
    "id, organisation, name, digest, created_by, created_at, expires_at, revoked_at, revoked_by, last_used_at";

core::Result<ApiTokenRow> FromRow(const SqlRow& r) {
    return ApiTokenRow{r.Int(0),  r.Text(1), r.Text(2), r.Text(3), r.Text(4),
                       r.Text(5), r.Text(6), r.Text(7), r.Text(8), r.Text(9)};
}

}  // namespace

core::Result<int64_t> ApiTokenTable::Create(const ApiTokenRow& t) {
    auto row = db_.QueryOne(
        "INSERT INTO api_tokens (organisation, name, digest, created_by, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (digest) DO NOTHING RETURNING id",
        {t.organisation, t.name, t.digest, t.created_by, t.created_at, t.expires_at});
    if (!row) return core::Fail(row.error());
    if (!*row) return core::Fail(core::Error::Conflict("there is already a token with this digest"));
    return (*row)->Int(0);
}

core::Result<std::optional<ApiTokenRow>> ApiTokenTable::FindOne(const std::string& where, const SqlParams& params) {
    auto rows = ReadRows<ApiTokenRow>(db_, std::string("SELECT ") + kColumns + " FROM api_tokens WHERE " + where,
                                      params, FromRow);
    if (!rows) return core::Fail(rows.error());
    if (rows->empty()) return std::optional<ApiTokenRow>();
    return std::optional<ApiTokenRow>(std::move(rows->front()));
}

core::Result<std::optional<ApiTokenRow>> ApiTokenTable::FindByDigest(const std::string& digest) {
    return FindOne("digest = ?", {digest});
}

core::Result<std::optional<ApiTokenRow>> ApiTokenTable::FindById(int64_t id) {
    return FindOne("id = ?", {id});
}

core::Result<std::vector<ApiTokenRow>> ApiTokenTable::List(const std::string& organisation) {
    return ReadRows<ApiTokenRow>(
        db_, std::string("SELECT ") + kColumns + " FROM api_tokens WHERE (? = '' OR organisation = ?) ORDER BY id",
        {organisation, organisation}, FromRow);
}

core::Status ApiTokenTable::Revoke(int64_t id, const std::string& at, const std::string& by) {
    auto found = CountRows(db_,
                           "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?), "
                           "revoked_by = COALESCE(revoked_by, ?) WHERE id = ? RETURNING id",
                           {at, by, id});
    if (!found) return core::Fail(found.error());
    if (*found == 0) return core::Fail(core::Error::NotFound("there is no API token " + std::to_string(id)));
    return {};
}

core::Status ApiTokenTable::MarkUsed(int64_t id, const std::string& at) {
    return db_.Execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {at, id});
}

}  // namespace did::store
