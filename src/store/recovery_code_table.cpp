#include "store/recovery_code_table.hpp"

namespace did::store {

core::Status RecoveryCodeTable::Replace(int64_t user_id, const std::vector<std::string>& digests) {
    if (auto deleted = db_.Execute("DELETE FROM recovery_codes WHERE user_id = ?", {user_id}); !deleted) {
        return deleted;
    }
    for (const std::string& digest : digests) {
        auto added = db_.Execute("INSERT INTO recovery_codes (user_id, digest) VALUES (?, ?)", {user_id, digest});
        if (!added) return added;
    }
    return {};
}

core::Result<bool> RecoveryCodeTable::Use(int64_t user_id, const std::string& digest, const std::string& at) {
    auto changed =
        CountRows(db_,
                  "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND digest = ? AND used_at IS NULL "
                  "RETURNING user_id",
                  {at, user_id, digest});
    if (!changed) return core::Fail(changed.error());
    return *changed > 0;
}

core::Result<int64_t> RecoveryCodeTable::Remaining(int64_t user_id) {
    auto row = db_.QueryOne("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", {user_id});
    if (!row) return core::Fail(row.error());
    return *row ? (*row)->Int(0) : 0;
}

}  // namespace did::store
