#include "service/store_sink.hpp"

#include <future>

namespace did::service {

core::Result<std::unique_ptr<StoreSink>> StoreSink::Open(store::RecordTable& records, int64_t submission_id,
                                                         core::Period period,
                                                         const validate::ExaminationRegistry* registry,
                                                         const Commissioners* commissioners) {
    auto loader = records.RecordLoader(period);
    if (!loader) return core::Fail(loader.error());
    return std::unique_ptr<StoreSink>(
        new StoreSink(std::move(*loader), submission_id, period.ToString(), registry, commissioners));
}

core::Status StoreSink::WriteDuplicates(store::RecordTable& records) const {
    if (duplicates_.empty()) return {};
    auto loader = records.Loader(store::BulkTable::kDuplicates);
    if (!loader) return core::Fail(loader.error());
    store::BulkRow row;
    for (const Duplicate& d : duplicates_) {
        row.assign({submission_id_, static_cast<int64_t>(d.line), d.other->provider, d.other->submission_id});
        if (auto added = (*loader)->Add(row); !added) return added;
    }
    return (*loader)->Finish();
}

core::Status StoreSink::Consume(validate::AcceptedBatch& batch) {
    // The database takes one row at a time on this thread; counting the cube and matching
    // other providers' examinations run beside it on another core.
    auto counted = std::async(std::launch::async, [&] { return CountAndMatch(batch); });
    auto loaded = Load(batch);
    auto counting = counted.get();
    return loaded ? counting : loaded;
}

core::Status StoreSink::Load(const validate::AcceptedBatch& batch) {
    store::BulkRow row;
    row.reserve(store::BulkColumns(store::BulkTable::kRecords).size());
    for (const validate::AcceptedRecord& record : batch.records()) {
        if (record.dropped) continue;
        const validate::RecordFacts& facts = record.facts;
        row.assign({submission_id_, static_cast<int64_t>(record.line), period_});
        for (core::Field field : core::kAllFields) {
            // A local code is stored in its own column; the NICIP column holds the code it stands for.
            if (field == core::Field::kNicipCode && facts.local_code) {
                row.emplace_back(std::string_view(facts.exam->code));
            } else {
                row.push_back(store::TextOrNull(batch.Get(record, field)));
            }
        }
        row.push_back(facts.local_code ? store::TextOrNull(batch.Get(record, core::Field::kNicipCode))
                                       : store::BulkValue{});
        row.emplace_back(int64_t{facts.excluded ? 1 : 0});
        row.emplace_back(static_cast<int64_t>(record.digest));
        if (auto added = loader_->Add(row); !added) return added;
        ++stored_;
        excluded_ += facts.excluded;
        local_coded_ += facts.local_code;
    }
    return {};
}

core::Status StoreSink::CountAndMatch(const validate::AcceptedBatch& batch) {
    for (const validate::AcceptedRecord& record : batch.records()) {
        if (record.dropped) continue;
        const validate::RecordFacts& facts = record.facts;
        if (registry_ != nullptr && registry_->size() != 0 && facts.test) {
            const std::string_view code = facts.exam != nullptr ? std::string_view(facts.exam->code)
                                                                : batch.Get(record, core::Field::kSnomedCode);
            const uint64_t key =
                validate::ExaminationRegistry::KeyOf(batch.Get(record, core::Field::kNhsNumber), facts.test->ToString(),
                                                     code, batch.Get(record, core::Field::kSiteCode));
            if (const auto* other = registry_->Find(key)) duplicates_.push_back({record.line, other});
        }
        if (auto counted = cube_.Add(batch, record); !counted) return counted;
    }
    return {};
}

core::Status StoreSink::Finish(bool keep) {
    // Either way the bulk load must end before the connection can do anything else; when the
    // file was rejected the caller rolls the whole transaction back.
    (void)keep;
    return loader_->Finish();
}

}  // namespace did::service
