#include "service/database.hpp"

namespace did::service {

core::Result<std::unique_ptr<store::Store>> OpenDatabase(const std::string& url, Access access) {
    auto store =
        store::Store::Open(url, access == Access::kReadOnly ? store::IfMissing::kFail : store::IfMissing::kCreate);
    if (store) return store;
    if (store.error().code != core::ErrorCode::kNotFound) return core::Fail(store.error());
    // Only `did db migrate` or a command that stores something creates a database.
    const std::string shown = store::DisplayedUrl(url);
    return core::Fail(core::Error::NotFound(store.error().message + "; create it with: did db migrate --db " +
                                            (shown == url ? url : "URL")));
}

core::Result<int> SchemaVersionOf(store::Store& store) {
    return store::SchemaVersion(store.db());
}

}  // namespace did::service
