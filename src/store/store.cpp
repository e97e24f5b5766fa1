#include "store/store.hpp"

namespace did::store {

core::Result<std::unique_ptr<Store>> Store::Open(const std::string& url) {
    auto connection = Connect(url);
    if (!connection) return core::Fail(connection.error());
    auto migrated = Migrate(**connection);
    if (!migrated) return core::Fail(migrated.error());
    return std::unique_ptr<Store>(new Store(std::move(*connection), url));
}

core::Status Store::InTransaction(const std::function<core::Status()>& work) {
    if (auto begun = db_->Begin(); !begun) return begun;
    auto status = work();
    if (!status) {
        (void)db_->Rollback();
        return status;
    }
    if (auto committed = db_->Commit(); !committed) {
        (void)db_->Rollback();
        return committed;
    }
    return {};
}

}  // namespace did::store
