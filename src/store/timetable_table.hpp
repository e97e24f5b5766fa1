// TimetableTable: what the collection's timetable is made of: named settings (the rule
// defaults follow), per-month overrides, the dates of months frozen when the rule changed
// after their cut-off, and dated exceptions granted to a provider for a month. One thread.
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
    core::Result<std::optional<TimetableOverrideRow>> Override(core::Period period);
    core::Result<std::vector<TimetableOverrideRow>> Overrides();

    // Keeps a month's dates as they are; a month frozen already keeps its first dates.
    core::Status Freeze(const TimetableOverrideRow& row, const std::string& frozen_at);
    core::Result<std::optional<TimetableOverrideRow>> Frozen(core::Period period);
    // The earliest month anything concerns (a submission, a provider expected, an exception),
    // or none in a new database: no month before it has anything to freeze.
    core::Result<std::optional<core::Period>> FirstPeriodInUse();

    core::Status PutException(const ExceptionRow& row);
    core::Result<std::optional<ExceptionRow>> Exception(const std::string& provider, core::Period period);
    core::Result<std::vector<ExceptionRow>> Exceptions();
    core::Status RemoveException(const std::string& provider, core::Period period);

  private:
    // The override or frozen dates of one month, from `table`.
    core::Result<std::optional<TimetableOverrideRow>> Window(const char* table, core::Period period);

    SqlConnection& db_;
};

}  // namespace did::store
