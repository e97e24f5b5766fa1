#include "service/cube_builder.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/hash.hpp"
#include "core/postcode.hpp"
#include "refdata/modality.hpp"

namespace did::service {
namespace {

constexpr int kLongestWait = 400;                   // longer waits share the last bucket
constexpr std::string_view kGpDirectAccess = "04";  // patient source setting

std::string_view OrUnknown(std::string_view value) {
    return value.empty() ? std::string_view("unknown") : value;
}

// Packs dimension numbers into one key: each (value, bits) pair in turn from the low end.
// Keys start at 1 (0 marks an empty slot in the count maps).
uint64_t Pack(std::initializer_list<std::pair<uint64_t, int>> parts) {
    uint64_t key = 0;
    int shift = 0;
    for (const auto& [value, bits] : parts) {
        key |= value << shift;
        shift += bits;
    }
    return key + 1;
}

// The inverse of Pack for one part.
uint64_t Part(uint64_t key, int shift, int bits) {
    return ((key - 1) >> shift) & ((uint64_t{1} << bits) - 1);
}

}  // namespace

uint64_t Interner::Id(std::string_view value) {
    // Nearly every dimension value (site, code, practice, district, setting, sex, age band)
    // is at most seven bytes: those are their own key, bytes and length packed in one word,
    // with no hash of the bytes and no string comparison.
    if (value.size() <= kShortValue) {
        uint64_t key = static_cast<uint64_t>(value.size() + 1) << 56;  // never 0, which the flat map reserves
        for (size_t i = 0; i < value.size(); ++i) key |= uint64_t{static_cast<unsigned char>(value[i])} << (8 * i);
        if (const uint64_t* id = short_ids_.Find(key)) return *id;
        const uint64_t id = values_.size();
        if (id >= limit_) return limit_;
        values_.emplace_back(value);
        short_ids_.Put(key, id);
        return id;
    }
    // Longer values by their hash first; the slower exact map settles the (rare) hash collision.
    const uint64_t hash = core::HashBytes(value) | 1;  // never 0, which the flat map reserves
    if (const uint64_t* id = by_hash_.Find(hash); id != nullptr && values_[*id] == value) return *id;
    if (const auto it = ids_.find(value); it != ids_.end()) return it->second;
    const uint64_t id = values_.size();
    if (id >= limit_) return limit_;
    ids_.emplace(std::string(value), id);
    values_.emplace_back(value);
    if (by_hash_.Find(hash) == nullptr) by_hash_.Put(hash, id);
    return id;
}

core::Status CubeBuilder::Add(const validate::AcceptedBatch& batch, const validate::AcceptedRecord& record) {
    using core::Field;
    const validate::RecordFacts& facts = record.facts;
    const uint64_t site = sites_.Id(batch.Get(record, Field::kSiteCode));
    const uint64_t code = codes_.Id(facts.exam != nullptr ? std::string_view(facts.exam->code) : "unknown");
    const uint64_t modality =
        modalities_.Id(facts.exam != nullptr ? refdata::ModalityLabel(facts.exam->modality) : "unknown");
    const std::string_view setting_code = batch.Get(record, Field::kSourceSetting);
    const uint64_t setting = settings_.Id(OrUnknown(setting_code));
    if (site == sites_.limit() || code == codes_.limit() || setting == settings_.limit()) {
        return core::Fail(core::Error::Internal("too many distinct values in one submission's cube"));
    }
    ++activity_.FindOrInsert(Pack({{site, 20},
                                   {code, 16},
                                   {modality, 4},
                                   {setting, 4},
                                   {facts.excluded ? 1u : 0u, 1},
                                   {facts.local_code ? 1u : 0u, 1}}));
    if (facts.excluded) return {};  // kept out of every other count

    const uint64_t age = ages_.Id(AgeBand(facts.birth, facts.test));
    const uint64_t sex = sexes_.Id(OrUnknown(batch.Get(record, Field::kGender)));
    const uint64_t practice = practices_.Id(OrUnknown(batch.Get(record, Field::kGpPractice)));
    const std::string_view postcode = batch.Get(record, Field::kPostcode);
    const uint64_t district = districts_.Id(core::IsPostcodeFormat(postcode) ? core::PostcodeDistrict(postcode)
                                                                             : std::string_view("unknown"));
    const std::string_view ethnic_code = batch.Get(record, Field::kEthnicCategory);
    const uint64_t ethnic = ethnic_.Id(ethnic_code.empty()   ? "unknown"
                                       : ethnic_code == "99" ? "99"
                                                             : ethnic_code.substr(0, 1));
    if (sex == sexes_.limit() || practice == practices_.limit() || district == districts_.limit() ||
        ethnic == ethnic_.limit()) {
        return core::Fail(core::Error::Internal("too many distinct values in one submission's cube"));
    }
    const uint64_t gp_direct = setting_code == kGpDirectAccess ? 1 : 0;
    ++gp_.FindOrInsert(Pack({{practice, 24}, {code, 16}, {modality, 4}, {gp_direct, 1}}));
    ++geography_.FindOrInsert(Pack({{district, 16}, {modality, 4}, {age, 5}, {sex, 3}, {ethnic, 8}}));

    // Each wait worked out once, for both cubes: this one caps it, the statistics cube keeps
    // "not known" (-1), which this one leaves out.
    const int64_t request_to_test = RequestToTestDays(facts.request, facts.received, facts.test);
    const int64_t test_to_report = WaitDays(facts.test, facts.report);
    auto wait = [&](uint64_t measure, int64_t days) {
        if (days < 0) return;
        const auto capped = static_cast<uint64_t>(std::min<int64_t>(days, kLongestWait));
        ++waits_.FindOrInsert(Pack({{site, 20}, {modality, 4}, {setting, 4}, {measure, 1}, {capped, 9}}));
    };
    wait(0, request_to_test);
    wait(1, test_to_report);
    statistics_.Add({facts.exam, setting_code, request_to_test, test_to_report, batch.Get(record, Field::kGpPractice),
                     postcode, batch.Get(record, Field::kGender), AgeBandIndex(facts.birth, facts.test)});
    return {};
}

core::Status CubeBuilder::Write(store::RecordTable& table, int64_t submission_id, const std::string& provider,
                                core::Period period) const {
    using store::BulkRow;
    const std::string month = period.ToString();
    auto load = [&](store::BulkTable which, const core::FlatU64Map<int64_t>& counts, const auto& cells_of) {
        auto loader = table.Loader(which);
        if (!loader) return core::Status(core::Fail(loader.error()));
        core::Status failed;
        BulkRow row;
        counts.ForEach([&](uint64_t key, int64_t count) {
            if (!failed) return;
            row.assign({submission_id, provider, month});
            cells_of(key, row);
            row.emplace_back(count);
            failed = (*loader)->Add(row);
        });
        if (!failed) return failed;
        return (*loader)->Finish();
    };
    auto flag = [](uint64_t bit) { return static_cast<int64_t>(bit); };
    if (auto s = load(store::BulkTable::kCubeActivity, activity_,
                      [&](uint64_t k, BulkRow& row) {
                          row.insert(row.end(), {sites_.Value(Part(k, 0, 20)), codes_.Value(Part(k, 20, 16)),
                                                 modalities_.Value(Part(k, 36, 4)), settings_.Value(Part(k, 40, 4)),
                                                 flag(Part(k, 44, 1)), flag(Part(k, 45, 1))});
                      });
        !s) {
        return s;
    }
    if (auto s = load(store::BulkTable::kCubeGp, gp_,
                      [&](uint64_t k, BulkRow& row) {
                          row.insert(row.end(), {practices_.Value(Part(k, 0, 24)), codes_.Value(Part(k, 24, 16)),
                                                 modalities_.Value(Part(k, 40, 4)), flag(Part(k, 44, 1))});
                      });
        !s) {
        return s;
    }
    if (auto s = load(store::BulkTable::kCubeGeography, geography_,
                      [&](uint64_t k, BulkRow& row) {
                          row.insert(row.end(), {districts_.Value(Part(k, 0, 16)), modalities_.Value(Part(k, 16, 4)),
                                                 ages_.Value(Part(k, 20, 5)), sexes_.Value(Part(k, 25, 3)),
                                                 ethnic_.Value(Part(k, 28, 8))});
                      });
        !s) {
        return s;
    }
    return load(store::BulkTable::kCubeWaits, waits_, [&](uint64_t k, BulkRow& row) {
        row.insert(row.end(),
                   {sites_.Value(Part(k, 0, 20)), modalities_.Value(Part(k, 20, 4)), settings_.Value(Part(k, 24, 4)),
                    std::string_view(Part(k, 28, 1) == 0 ? "request_to_test" : "test_to_report"),
                    static_cast<int64_t>(Part(k, 29, 9))});
    });
}

}  // namespace did::service
