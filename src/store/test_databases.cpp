#include "store/test_databases.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "store/sql_connection.hpp"

namespace did::store {
namespace {

std::atomic<int> counter{0};

std::string UniqueName(const std::string& prefix) {
    return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

}  // namespace

std::string BackendName(Backend backend) {
    return backend == Backend::kSqlite ? "sqlite" : "postgres";
}

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
    if (backend == Backend::kSqlite) {
        directory_ = (std::filesystem::temp_directory_path() / UniqueName("did_store")).string();
        std::filesystem::create_directories(directory_);
        url_ = "sqlite:" + directory_ + "/did.sqlite";
        return;
    }
    const char* base = std::getenv("DID_TEST_POSTGRES_URL");
    if (base == nullptr || *base == '\0') {
        skip_reason_ = "DID_TEST_POSTGRES_URL is not set (scripts/test sets it)";
        return;
    }
    admin_url_ = base;
    database_ = UniqueName("did_test");
    auto admin = Connect(admin_url_);
    if (!admin) {
        skip_reason_ = admin.error().message;
        return;
    }
    if (auto created = (*admin)->ExecuteScript("CREATE DATABASE " + database_); !created) {
        skip_reason_ = created.error().message;
        return;
    }
    // Same server and credentials, the new database: replace the path of the URL.
    const std::string prefix = admin_url_.substr(0, admin_url_.find('/', admin_url_.find("//") + 2));
    const auto query = admin_url_.find('?');
    url_ = prefix + "/" + database_ + (query == std::string::npos ? "" : admin_url_.substr(query));
}

TestDatabase::~TestDatabase() {
    if (!directory_.empty()) std::filesystem::remove_all(directory_);
    if (!database_.empty() && !url_.empty()) {
        if (auto admin = Connect(admin_url_)) {
            (void)(*admin)->ExecuteScript("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
        }
    }
}

bool TestDatabase::required() const {
    const char* require = std::getenv("DID_REQUIRE_POSTGRES");
    return backend_ == Backend::kPostgres && require != nullptr && std::string(require) == "1";
}

}  // namespace did::store
