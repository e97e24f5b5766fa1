#include "service/record_diff.hpp"

#include "core/field.hpp"

namespace did::service {
namespace {

constexpr size_t kRemovedOrChangedExamples = 10;
constexpr size_t kExamples = 15;  // with the added ones

std::string Key(std::string_view site, std::string_view accession) {
    std::string key(site);
    key += '\x1f';
    key += accession;
    return key;
}

// "site RH802, accession ACC123"; an accession number may hold spaces, so it is quoted then.
std::string Describe(const std::string& key) {
    const size_t split = key.find('\x1f');
    const std::string site = key.substr(0, split);
    const std::string accession = key.substr(split + 1);
    const bool quoted = accession.empty() || accession.find(' ') != std::string::npos;
    return "site " + site + ", accession " + (quoted ? "\"" + accession + "\"" : accession);
}

}  // namespace

core::Status DigestSink::Consume(validate::AcceptedBatch& batch) {
    for (const auto& record : batch.records()) {
        if (record.dropped) continue;
        digests_[Key(batch.Get(record, core::Field::kSiteCode), batch.Get(record, core::Field::kAccessionNumber))] =
            record.digest;
    }
    return {};
}

core::Result<RecordDiff> DigestSink::DiffAgainst(store::RecordTable& records, std::optional<int64_t> current_id) {
    RecordDiff diff;
    if (current_id) {
        diff.against_current = true;
        auto status =
            records.ForEachDigest(*current_id, [&](std::string_view site, std::string_view accession, uint64_t hash) {
                const std::string key = Key(site, accession);
                const auto it = digests_.find(key);
                if (it == digests_.end()) {
                    ++diff.removed;
                    if (diff.examples.size() < kRemovedOrChangedExamples)
                        diff.examples.push_back("removed: " + Describe(key));
                    return;
                }
                if (it->second == hash) {
                    ++diff.unchanged;
                } else {
                    ++diff.changed;
                    if (diff.examples.size() < kRemovedOrChangedExamples)
                        diff.examples.push_back("changed: " + Describe(key));
                }
                digests_.erase(it);
            });
        if (!status) return core::Fail(status.error());
    }
    diff.added = static_cast<int64_t>(digests_.size());
    for (const auto& [key, hash] : digests_) {
        if (diff.examples.size() >= kExamples) break;
        diff.examples.push_back("added: " + Describe(key));
    }
    digests_.clear();
    return diff;
}

}  // namespace did::service
