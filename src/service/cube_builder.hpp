// CubeBuilder: the analysis cube of one submission, counted as accepted records stream by:
// activity by site, code, modality, source setting, age band and sex; GP practice use by
// code; geography by postcode district, age, sex and ethnic group; waits in whole days
// (request to test, test to report). Excluded activity is counted apart (activity only).
// One per submission; single-threaded.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "core/error.hpp"
#include "store/record_table.hpp"
#include "validate/accepted_batch.hpp"

namespace did::service {

// "0-4", "5-9", …, "85+", or "unknown" without both dates.
std::string AgeBand(const validate::RecordFacts& facts);

class CubeBuilder {
public:
    void Add(const validate::AcceptedBatch& batch, const validate::AcceptedRecord& record);
    // Writes the cube rows in bulk (inside the caller's transaction).
    core::Status Write(store::RecordTable& table, int64_t submission_id, const std::string& provider,
                       const std::string& period) const;

    size_t rows() const { return activity_.size() + gp_.size() + geography_.size() + waits_.size(); }

private:
    using Counts = std::unordered_map<std::string, int64_t>;
    Counts activity_;
    Counts gp_;
    Counts geography_;
    Counts waits_;
};

}  // namespace did::service
