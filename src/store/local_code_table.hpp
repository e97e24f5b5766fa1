// LocalCodeTable: local examination codes providers notify, each standing for a NICIP code,
// and the central team's decision on each. One thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

class LocalCodeTable {
  public:
    explicit LocalCodeTable(SqlConnection& db) : db_(db) {}

    // A new notification, or a changed meaning (which goes back to "notified").
    core::Status Notify(const LocalCodeRow& row);
    core::Status Decide(const std::string& provider, const std::string& local_code, LocalCodeStatus status,
                        const std::string& by, const std::string& at, const std::string& reason);
    core::Result<std::optional<LocalCodeRow>> Find(const std::string& provider, const std::string& local_code);
    core::Status Withdraw(const std::string& provider, const std::string& local_code);
    // All codes, or one provider's; `status` filters when given.
    core::Result<std::vector<LocalCodeRow>> List(const std::string& provider, std::optional<LocalCodeStatus> status);
    // A code exactly as `row` has it, decision and all (copying codes into a reference data bundle).
    core::Status Put(const LocalCodeRow& row);

  private:
    SqlConnection& db_;
};

}  // namespace did::store
