// Fresh databases for tests, one per test: a SQLite file in a temporary directory, or a new
// database on the PostgreSQL server named by $DID_TEST_POSTGRES_URL (scripts/test starts a
// throwaway cluster and sets it). Without that variable PostgreSQL cases are skipped, unless
// $DID_REQUIRE_POSTGRES=1, when they fail: CI sets both, so they always run there.
#pragma once

#include <string>

namespace did::store {

enum class Backend { kSqlite, kPostgres };

class TestDatabase {
  public:
    explicit TestDatabase(Backend backend);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    // Empty when the backend is unavailable here; `skip_reason` says why.
    const std::string& url() const { return url_; }
    const std::string& skip_reason() const { return skip_reason_; }
    bool required() const;

  private:
    Backend backend_;
    std::string url_;
    std::string skip_reason_;
    std::string directory_;  // SQLite
    std::string database_;   // PostgreSQL
    std::string admin_url_;
};

std::string BackendName(Backend backend);

}  // namespace did::store
