// LastGoodFileTable: for each provider and month, the file that was current when the
// publication cut-off passed (provisional) and when the final deadline passed (final), as
// recorded before the first change after that day. Uses the store's connection; one thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

class LastGoodFileTable {
  public:
    explicit LastGoodFileTable(SqlConnection& db) : db_(db) {}

    // Records `row`, replacing what was recorded for its provider, month and stage.
    core::Status Put(const LastGoodFileRow& row);
    core::Result<std::optional<LastGoodFileRow>> Get(const std::string& provider, core::Period period,
                                                     LastGoodFileStage stage);
    // Every row of a month, by provider then stage.
    core::Result<std::vector<LastGoodFileRow>> ForPeriod(core::Period period);

  private:
    SqlConnection& db_;
};

}  // namespace did::store
