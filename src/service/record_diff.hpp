// What a dry run tells a submitter before they send a file for real: how its accepted records
// differ from the current file's, examination by examination (keyed by site and accession
// number, compared by a digest of their content). Names sites and accession numbers only,
// never patient details.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "store/record_table.hpp"
#include "validate/accepted_sink.hpp"

namespace did::service {

// How a file differs from the current one, record by record.
struct RecordDiff {
    bool against_current = false;
    int64_t added = 0;
    int64_t removed = 0;
    int64_t changed = 0;
    int64_t unchanged = 0;
    std::vector<std::string> examples;  // "added: site RH802, accession ACC123", …
};

// Collects (site, accession number) -> content digest of the accepted records as validation
// passes them on.
class DigestSink final : public validate::AcceptedSink {
  public:
    core::Status Consume(validate::AcceptedBatch& batch) override;
    core::Status Finish(bool) override { return {}; }

    // Compares what was collected with the stored records of submission `current_id` (none:
    // every record is new). Consumes the collection.
    core::Result<RecordDiff> DiffAgainst(store::RecordTable& records, std::optional<int64_t> current_id);

  private:
    std::unordered_map<std::string, uint64_t> digests_;
};

}  // namespace did::service
