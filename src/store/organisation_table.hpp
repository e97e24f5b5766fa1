// OrganisationTable: ODS organisations (trusts, their sites, GP practices, independent
// providers, other referrers) with open and close dates, parent and NHS England region.
// Replaced kind by kind when a new ODS file is imported. Uses the store's connection; one thread.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

class OrganisationTable {
  public:
    explicit OrganisationTable(SqlConnection& db) : db_(db) {}

    // Replaces every organisation of `kind` with `rows`, in the caller's transaction.
    core::Status ReplaceKind(std::string_view kind, const std::vector<OrganisationRow>& rows);
    core::Status ForEach(const std::function<void(const OrganisationRow&)>& visit);
    // The organisation with this code, of any kind; none when ODS does not list it.
    core::Result<std::optional<OrganisationRow>> Find(std::string_view code);
    core::Result<int64_t> Count(std::string_view kind);

  private:
    SqlConnection& db_;
};

}  // namespace did::store
