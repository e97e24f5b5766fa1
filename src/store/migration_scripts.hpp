// The schema migrations, embedded at build time from migrations/<backend>/NNN_*.sql.
#pragma once

#include <string_view>

namespace did::store {

std::string_view SqliteMigration001();
std::string_view PostgresMigration001();
std::string_view SqliteMigration002();
std::string_view PostgresMigration002();
std::string_view SqliteMigration003();
std::string_view PostgresMigration003();
std::string_view SqliteMigration004();
std::string_view PostgresMigration004();
std::string_view SqliteMigration005();
std::string_view PostgresMigration005();
std::string_view SqliteMigration006();
std::string_view PostgresMigration006();
std::string_view SqliteMigration007();
std::string_view PostgresMigration007();
std::string_view SqliteMigration008();
std::string_view PostgresMigration008();
std::string_view SqliteMigration009();
std::string_view PostgresMigration009();
std::string_view SqliteMigration010();
std::string_view PostgresMigration010();
std::string_view SqliteMigration011();
std::string_view PostgresMigration011();
std::string_view SqliteMigration012();
std::string_view PostgresMigration012();
std::string_view SqliteMigration013();
std::string_view PostgresMigration013();

}  // namespace did::store
