#include "store/store.hpp"

namespace did::store {

std::string DisplayedUrl(const std::string& url) {
    const size_t scheme = url.find("://");
    const size_t at = url.find('@');
    if (scheme == std::string::npos || at == std::string::npos) return url;
    const size_t colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon) + url.substr(at);
}

core::Result<std::unique_ptr<Store>> Store::Open(const std::string& url, IfMissing if_missing) {
    auto connection = Connect(url, if_missing);
    if (!connection) return core::Fail(connection.error());
    // Only a database behind this build takes the write lock: a current one is opened with a
    // read, so commands that only read never queue behind a submission.
    auto version = SchemaVersion(**connection);
    if (!version) return core::Fail(version.error());
    if (*version == 0 && if_missing == IfMissing::kFail) {
        return core::Fail(core::Error::NotFound("the database " + DisplayedUrl(url) + " has no DID Collect schema"));
    }
    if (*version < LatestSchemaVersion((*connection)->dialect())) {
        auto migrated = Migrate(**connection);
        if (!migrated) return core::Fail(migrated.error());
    }
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
