// TimetableTable: what the collection's timetable is made of: named settings (the rule
// defaults follow), per-month overrides, and dated exceptions granted to a provider for a
// month. One thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

class TimetableTable {
  public:
    explicit TimetableTable(SqlConnection& db) : db_(db) {}

    core::Result<std::optional<std::string>> Setting(const std::string& key);
    core::Status PutSetting(const std::string& key, const std::string& value);
    // Every setting whose key starts with `prefix`, by key.
    core::Result<std::vector<std::pair<std::string, std::string>>> Settings(const std::string& prefix);

    core::Status PutOverride(const TimetableOverrideRow& row);
    core::Result<std::optional<TimetableOverrideRow>> Override(const std::string& period);
    core::Result<std::vector<TimetableOverrideRow>> Overrides();

    core::Status PutException(const ExceptionRow& row);
    core::Result<std::optional<ExceptionRow>> Exception(const std::string& provider, const std::string& period);
    core::Result<std::vector<ExceptionRow>> Exceptions();
    core::Status RemoveException(const std::string& provider, const std::string& period);

  private:
    SqlConnection& db_;
};

}  // namespace did::store
