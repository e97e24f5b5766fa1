// StoreSink: where accepted records go during a submission: straight into the records table
// (COPY on PostgreSQL, prepared inserts on SQLite) inside the submission's transaction, while
// the cube is counted. If the file turns out to be rejected, the transaction is rolled back
// by the caller, so nothing is kept. Called from one thread in file order; while the rows of
// a batch go to the database, a second thread counts the cube and matches other providers.
#pragma once

#include <memory>
#include <string>

#include <vector>

#include "service/cube_builder.hpp"
#include "store/record_table.hpp"
#include "validate/accepted_sink.hpp"
#include "validate/engagement.hpp"

namespace did::service {

class StoreSink final : public validate::AcceptedSink {
  public:
    // `registry`: other providers' examinations, to list the ones this file repeats (may be
    // null); `commissioners`: whose each examination is, for the statistics cube (kept).
    static core::Result<std::unique_ptr<StoreSink>> Open(store::RecordTable& records, int64_t submission_id,
                                                         core::Period period,
                                                         const validate::ExaminationRegistry* registry,
                                                         const Commissioners* commissioners);

    core::Status Consume(validate::AcceptedBatch& batch) override;
    core::Status Finish(bool keep) override;

    int64_t stored() const { return stored_; }
    int64_t excluded() const { return excluded_; }
    int64_t local_coded() const { return local_coded_; }
    const CubeBuilder& cube() const { return cube_; }
    // Writes the possible double counts found (after the records' bulk load has finished).
    core::Status WriteDuplicates(store::RecordTable& records) const;

  private:
    core::Status Load(const validate::AcceptedBatch& batch);           // the records table
    core::Status CountAndMatch(const validate::AcceptedBatch& batch);  // the cube and double counts

    StoreSink(std::unique_ptr<store::BulkLoader> loader, int64_t submission_id, std::string period,
              const validate::ExaminationRegistry* registry, const Commissioners* commissioners)
        : loader_(std::move(loader)),
          submission_id_(submission_id),
          period_(std::move(period)),
          registry_(registry),
          cube_(commissioners) {}

    struct Duplicate {
        uint64_t line;
        const validate::ExaminationRegistry::Entry* other;
    };

    std::unique_ptr<store::BulkLoader> loader_;
    int64_t submission_id_;
    std::string period_;
    const validate::ExaminationRegistry* registry_;
    std::vector<Duplicate> duplicates_;
    CubeBuilder cube_;
    int64_t stored_ = 0;
    int64_t excluded_ = 0;
    int64_t local_coded_ = 0;
};

}  // namespace did::service
