#include <vector>

#include "store/migration_scripts.hpp"
#include "store/store.hpp"

namespace did::store {
namespace {

const std::vector<std::string_view>& Scripts(Dialect dialect) {
    // A script's version is its place in the list: numbers are given in order, with no gap.
    static const std::vector<std::string_view> sqlite = {
        SqliteMigration001(), SqliteMigration002(), SqliteMigration003(), SqliteMigration004(), SqliteMigration005(),
        SqliteMigration006(), SqliteMigration007(), SqliteMigration008(), SqliteMigration009(), SqliteMigration010(),
        SqliteMigration011(), SqliteMigration012(), SqliteMigration013()};
    static const std::vector<std::string_view> postgres = {
        PostgresMigration001(), PostgresMigration002(), PostgresMigration003(), PostgresMigration004(),
        PostgresMigration005(), PostgresMigration006(), PostgresMigration007(), PostgresMigration008(),
        PostgresMigration009(), PostgresMigration010(), PostgresMigration011(), PostgresMigration012(),
        PostgresMigration013()};
    return dialect == Dialect::kSqlite ? sqlite : postgres;
}

}  // namespace

int LatestSchemaVersion(Dialect dialect) {
    return static_cast<int>(Scripts(dialect).size());
}

core::Result<int> SchemaVersion(SqlConnection& db) {
    // Asks the catalogue rather than creating the table: reading the version must never need
    // the write lock, or every command would queue behind a submission in progress.
    auto exists =
        db.QueryOne(db.dialect() == Dialect::kSqlite
                        ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
                        : "SELECT COUNT(*) FROM information_schema.tables "
                          "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'");
    if (!exists) return core::Fail(exists.error());
    if ((*exists)->Int(0) == 0) return 0;
    auto row = db.QueryOne("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!row) return core::Fail(row.error());
    return static_cast<int>((*row)->Int(0));
}

core::Result<int> Migrate(SqlConnection& db) {
    const auto& scripts = Scripts(db.dialect());
    while (true) {
        // Each step re-reads the version under the write lock, so two processes starting at
        // once do not both apply a migration.
        if (auto begun = db.Begin(); !begun) return core::Fail(begun.error());
        if (auto locked = db.LockKey("schema-migrations"); !locked) {
            (void)db.Rollback();
            return core::Fail(locked.error());
        }
        auto created = db.ExecuteScript(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        if (!created) {
            (void)db.Rollback();
            return core::Fail(created.error());
        }
        auto version = SchemaVersion(db);
        if (!version) {
            (void)db.Rollback();
            return core::Fail(version.error());
        }
        if (static_cast<size_t>(*version) >= scripts.size()) {
            if (auto done = db.Commit(); !done) return core::Fail(done.error());
            return *version;
        }
        const auto next = static_cast<size_t>(*version);
        auto applied = db.ExecuteScript(scripts[next]);
        if (applied) {
            applied = db.Execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                                 {static_cast<int64_t>(next + 1), std::string("migration")});
        }
        if (!applied) {
            (void)db.Rollback();
            return core::Fail(core::Error::Internal("schema migration " + std::to_string(next + 1) +
                                                    " failed: " + applied.error().message));
        }
        if (auto done = db.Commit(); !done) return core::Fail(done.error());
    }
}

}  // namespace did::store
