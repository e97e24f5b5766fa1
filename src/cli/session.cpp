#include "cli/session.hpp"

#include <unistd.h>

#include <cstdlib>

#include "cli/data_dir.hpp"
#include "core/file_io.hpp"

namespace did::cli {

std::vector<OptionSpec> WithSessionOptions(std::vector<OptionSpec> options) {
    options.push_back({"db"});
    options.push_back({"data-dir"});
    options.push_back({"as"});
    return options;
}

std::string DatabaseUrl(const Args& args, const std::string& data_dir) {
    if (auto db = args.Get("db")) return *db;
    if (const char* env = std::getenv("DID_DB"); env != nullptr && *env != '\0') return env;
    return "sqlite:" + data_dir + "/did.sqlite";
}

core::Result<Session> OpenSession(const Args& args, Access access) {
    Session session;
    session.data_dir = DataDir(args);
    const std::string url = DatabaseUrl(args, session.data_dir);
    if (url.starts_with("sqlite:") && access == Access::kReadWrite) {
        if (auto made = core::MakeDirectories(session.data_dir); !made) return core::Fail(made.error());
    }
    auto store =
        store::Store::Open(url, access == Access::kReadOnly ? store::IfMissing::kFail : store::IfMissing::kCreate);
    if (!store) {
        if (store.error().code != core::ErrorCode::kNotFound) return core::Fail(store.error());
        // Only `did db migrate` or a command that stores something creates a database.
        const std::string shown = store::DisplayedUrl(url);
        return core::Fail(core::Error::NotFound(store.error().message + "; create it with: did db migrate --db " +
                                                (shown == url ? url : "URL")));
    }
    session.store = std::move(*store);
    std::string name = args.GetOr("as", "");
    if (name.empty()) {
        for (const char* var : {"DID_USER", "USER", "LOGNAME"}) {
            if (const char* value = std::getenv(var); value != nullptr && *value != '\0') {
                name = value;
                break;
            }
        }
    }
    char host[256] = "localhost";
    ::gethostname(host, sizeof host - 1);
    session.actor = {name.empty() ? "unknown" : name, std::string("cli@") + host};
    return session;
}

}  // namespace did::cli
