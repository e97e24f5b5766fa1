// EngagementTable: the collection's rules of engagement: which providers must submit and
// from when, who submits for whom (agreements), and what activity is excluded. One thread.
#pragma once

#include <string>
#include <vector>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

class EngagementTable {
  public:
    explicit EngagementTable(SqlConnection& db) : db_(db) {}

    core::Status PutExpected(const ExpectedRow& row);
    core::Result<std::vector<ExpectedRow>> Expected();
    core::Status RemoveExpected(const std::string& provider);

    core::Status PutAgreement(const AgreementRow& row);
    core::Result<std::vector<AgreementRow>> Agreements();
    // Every agreement of `provider` to submit for `organisation`, whatever its dates.
    core::Status RemoveAgreements(const std::string& provider, const std::string& organisation);

    core::Status PutExclusion(const ExclusionRow& row);
    core::Status RemoveExclusion(const std::string& kind, const std::string& value);
    core::Result<std::vector<ExclusionRow>> Exclusions();

  private:
    SqlConnection& db_;
};

}  // namespace did::store
