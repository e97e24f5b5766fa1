// PostcodeTable: the ONS Postcode Directory (postcode, termination, local authority,
// region, LSOA, ICB), plus compact snapshots of large reference data that the validator
// loads whole (the postcode set as sorted packed keys). One thread.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

class PostcodeTable {
  public:
    explicit PostcodeTable(SqlConnection& db) : db_(db) {}

    using AddRow = std::function<core::Status(const PostcodeRow&)>;
    // Replaces the directory with the rows `fill` passes to the function it is given, in the
    // caller's transaction, streaming them into the database as they come.
    core::Result<int64_t> Replace(const std::function<core::Status(const AddRow&)>& fill);
    core::Result<int64_t> Count();
    core::Result<std::optional<PostcodeRow>> Find(const std::string& postcode);

    core::Status PutSnapshot(const std::string& name, const std::string& built_at, const std::string& bytes);
    core::Result<std::optional<std::string>> Snapshot(const std::string& name);
    // When a snapshot was built and its size in bytes, without reading it; none if there is none.
    core::Result<std::optional<SnapshotInfo>> SnapshotDetails(const std::string& name);

  private:
    SqlConnection& db_;
};

}  // namespace did::store
