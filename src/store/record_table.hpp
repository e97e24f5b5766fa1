// RecordTable: the stored examinations of each submission, their findings, the examinations
// flagged as possibly counted twice, and the analysis cube rows, written in bulk inside the
// submission's transaction; read back for diffs and cross-provider checks. One thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/record_partitions.hpp"
#include "store/sql_connection.hpp"
#include "store/types.hpp"

namespace did::store {

// Tables written in bulk, with their columns in load order.
enum class BulkTable { kRecords, kFindings, kDuplicates, kCubeActivity, kCubeGp, kCubeGeography, kCubeWaits };
const std::vector<std::string>& BulkColumns(BulkTable table);

struct StoredExamination {
    std::string provider;
    int64_t submission_id = 0;
    int64_t line = 0;
    std::string nhs_number;
    std::string test_date;
    std::string nicip_code;
    std::string snomed_code;
    std::string site_code;
};

// A record flagged DIDC-DUPLICATE-PROVIDER: it repeats an examination in another
// provider's file.
struct DuplicateExamination {
    int64_t submission_id = 0;
    std::string provider;
    int64_t line = 0;
    std::string other_provider;
    int64_t other_submission_id = 0;
};

class RecordTable {
  public:
    explicit RecordTable(SqlConnection& db) : db_(db) {}

    // PostgreSQL keeps one partition of the records per month: creates the month's partition
    // if it is missing, and leases it until the lease is destroyed, which must be after the
    // transaction that loads it has ended. Drops first the empty partitions that submissions
    // killed before committing left behind (record_partitions.hpp). Call outside any
    // transaction (creating a partition commits on its own).
    core::Result<PartitionLease> EnsurePartition(core::Period period);

    // Any table but the records.
    core::Result<std::unique_ptr<BulkLoader>> Loader(BulkTable table);
    // The records of a submission for `period` (on PostgreSQL, its partition must exist).
    core::Result<std::unique_ptr<BulkLoader>> RecordLoader(core::Period period);

    // (site, accession number, content hash) of each record of a submission.
    core::Status ForEachDigest(int64_t submission_id,
                               const std::function<void(std::string_view, std::string_view, uint64_t)>& visit);
    // The examinations of other providers' current files for a month at the given sites, or
    // at sites whose code starts with one of `site_prefixes` (when no site list is known).
    // The cube says which files have such sites, so only those files are read.
    core::Status ForEachExamination(core::Period period, const std::string& except_provider,
                                    const std::vector<std::string>& sites,
                                    const std::vector<std::string>& site_prefixes,
                                    const std::function<void(const StoredExamination&)>& visit);

    // The records flagged as repeating another provider's, where both files are still their
    // provider's current file for `period`: once either is superseded, the flag no longer
    // holds (a new file is checked afresh, and flagged again if it repeats the other).
    core::Result<std::vector<DuplicateExamination>> CurrentDuplicates(core::Period period);

    core::Result<int64_t> CountRecords(int64_t submission_id);
    core::Result<int64_t> CountFindings(int64_t submission_id);
    // The findings of a submission in line order; `visit` returns false to stop.
    core::Status ForEachFinding(int64_t submission_id, const std::function<bool(const FindingRow&)>& visit);

    // The condition (and its parameters) that picks one submission's rows of the records or a
    // cube table efficiently; on PostgreSQL the month, when known, confines the search to one
    // partition of the records.
    std::pair<std::string, SqlParams> OfSubmission(int64_t submission_id, const std::string& period = "") const;

  private:
    // SQLite: a loader that packs the submission and the row's place into the id (see the .cpp).
    core::Result<std::unique_ptr<BulkLoader>> ClusteredLoader(BulkTable table, size_t dropped, bool by_line);

    SqlConnection& db_;
};

}  // namespace did::store
