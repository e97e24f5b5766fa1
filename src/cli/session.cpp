#include "cli/session.hpp"

#include <unistd.h>

#include <cstdlib>

#include "cli/data_dir.hpp"
#include "core/file_io.hpp"

namespace did::cli {

std::string DatabaseUrl(const SessionOptions& options) {
    if (options.db) return *options.db;
    if (const char* env = std::getenv("DID_DB"); env != nullptr && *env != '\0') return env;
    return "sqlite:" + DataDir(options.data_dir) + "/did.sqlite";
}

core::Result<Session> OpenSession(const SessionOptions& options, Access access) {
    Session session;
    session.data_dir = DataDir(options.data_dir);
    const std::string url = DatabaseUrl(options);
    if (url.starts_with("sqlite:") && access == Access::kReadWrite) {
        if (auto made = core::MakeDirectories(session.data_dir); !made) return core::Fail(made.error());
    }
    auto store = service::OpenDatabase(url, access);
    if (!store) return core::Fail(store.error());
    session.store = std::move(*store);
    std::string name = options.as.value_or("");
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
    // Whoever can run `did` against the collection's database is the central team: providers
    // come in through the portal and its API, as the role their sign-in gives them.
    session.actor = {name.empty() ? "unknown" : name, std::string("cli@") + host, service::Role::kCentralAdministrator};
    return session;
}

}  // namespace did::cli
