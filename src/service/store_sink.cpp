#include "service/store_sink.hpp"

#include "refdata/modality.hpp"
#include "service/record_digest.hpp"

namespace did::service {

core::Result<std::unique_ptr<StoreSink>> StoreSink::Open(store::RecordTable& records, int64_t submission_id,
                                                         std::string period,
                                                         const validate::ExaminationRegistry* registry) {
    auto loader = records.Loader(store::BulkTable::kRecords);
    if (!loader) return core::Fail(loader.error());
    return std::unique_ptr<StoreSink>(new StoreSink(std::move(*loader), submission_id, std::move(period), registry));
}

core::Status StoreSink::WriteDuplicates(store::RecordTable& records) const {
    if (duplicates_.empty()) return {};
    auto loader = records.Loader(store::BulkTable::kDuplicates);
    if (!loader) return core::Fail(loader.error());
    for (const Duplicate& d : duplicates_) {
        const std::string line = std::to_string(d.line);
        const std::string other = std::to_string(d.other->submission_id);
        if (auto added = (*loader)->Add({submission_id_, line, d.other->provider, other}); !added) return added;
    }
    return (*loader)->Finish();
}

core::Status StoreSink::Consume(const validate::AcceptedBatch& batch) {
    std::vector<std::optional<std::string_view>> row;
    row.reserve(store::BulkColumns(store::BulkTable::kRecords).size());
    std::string line;
    std::string hash;
    for (const validate::AcceptedRecord& record : batch.records()) {
        if (record.dropped) continue;
        const validate::RecordFacts& facts = record.facts;
        line = std::to_string(record.line);
        hash = std::to_string(static_cast<int64_t>(RecordContentHash(batch, record)));
        row.assign({submission_id_, line, period_});
        for (core::Field field : core::kAllFields) {
            const std::string_view value = batch.Get(record, field);
            // A local code is stored in its own column; the NICIP column holds the code it stands for.
            if (field == core::Field::kNicipCode && facts.local_code) {
                row.push_back(std::string_view(facts.exam->code));
                continue;
            }
            row.push_back(value.empty() ? std::nullopt : std::optional<std::string_view>(value));
        }
        row.push_back(facts.local_code ? std::optional<std::string_view>(batch.Get(record, core::Field::kNicipCode))
                                       : std::nullopt);
        row.push_back(facts.exam != nullptr ? std::optional<std::string_view>(refdata::ModalityLabel(facts.exam->modality))
                                            : std::nullopt);
        row.push_back(facts.excluded ? "1" : "0");
        row.push_back(hash);
        if (auto added = loader_->Add(row); !added) return added;
        if (registry_ != nullptr && facts.test) {
            const std::string_view code = facts.exam != nullptr ? std::string_view(facts.exam->code)
                                                                : batch.Get(record, core::Field::kSnomedCode);
            const uint64_t key = validate::ExaminationRegistry::KeyOf(
                batch.Get(record, core::Field::kNhsNumber), facts.test->ToString(), code,
                batch.Get(record, core::Field::kSiteCode));
            if (const auto* other = registry_->Find(key)) duplicates_.push_back({record.line, other});
        }
        if (auto counted = cube_.Add(batch, record); !counted) return counted;
        ++stored_;
        excluded_ += facts.excluded;
        local_coded_ += facts.local_code;
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
