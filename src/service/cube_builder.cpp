#include "service/cube_builder.hpp"

#include <algorithm>
#include <vector>

#include "core/postcode.hpp"
#include "refdata/modality.hpp"

namespace did::service {
namespace {

constexpr char kSeparator = '\x1f';
constexpr int kLongestWait = 400;  // longer waits share the last bucket

std::string Key(std::initializer_list<std::string_view> parts) {
    std::string key;
    for (std::string_view part : parts) {
        if (!key.empty()) key += kSeparator;
        key += part;
    }
    return key;
}

std::vector<std::string_view> Split(std::string_view key) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        const size_t end = key.find(kSeparator, start);
        parts.push_back(key.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

std::string_view OrUnknown(std::string_view value) { return value.empty() ? std::string_view("unknown") : value; }

core::Status WriteCounts(store::RecordTable& table, store::BulkTable which, const std::unordered_map<std::string, int64_t>& counts,
                         const std::string& id, const std::string& provider, const std::string& period) {
    auto loader = table.Loader(which);
    if (!loader) return core::Fail(loader.error());
    std::vector<std::optional<std::string_view>> row;
    for (const auto& [key, count] : counts) {
        const std::string examinations = std::to_string(count);
        row.assign({id, provider, period});
        for (std::string_view part : Split(key)) row.push_back(part);
        row.push_back(examinations);
        if (auto added = (*loader)->Add(row); !added) return added;
    }
    return (*loader)->Finish();
}

}  // namespace

std::string AgeBand(const validate::RecordFacts& facts) {
    if (!facts.birth || !facts.test || *facts.birth > *facts.test) return "unknown";
    int age = facts.test->Year() - facts.birth->Year();
    if (facts.test->Month() < facts.birth->Month() ||
        (facts.test->Month() == facts.birth->Month() && facts.test->Day() < facts.birth->Day())) {
        --age;
    }
    if (age >= 85) return "85+";
    const int low = age / 5 * 5;
    return std::to_string(low) + "-" + std::to_string(low + 4);
}

void CubeBuilder::Add(const validate::AcceptedBatch& batch, const validate::AcceptedRecord& record) {
    using core::Field;
    const validate::RecordFacts& facts = record.facts;
    const std::string site(batch.Get(record, Field::kSiteCode));
    const std::string nicip = facts.exam != nullptr ? facts.exam->code : "unknown";
    const std::string modality =
        facts.exam != nullptr ? std::string(refdata::ModalityLabel(facts.exam->modality)) : "unknown";
    const std::string_view setting = OrUnknown(batch.Get(record, Field::kSourceSetting));
    const std::string age = AgeBand(facts);
    const std::string_view sex = OrUnknown(batch.Get(record, Field::kGender));

    ++activity_[Key({site, nicip, modality, setting, age, sex, facts.excluded ? "1" : "0", facts.local_code ? "1" : "0"})];
    if (facts.excluded) return;  // kept out of every other count

    const std::string_view gp = OrUnknown(batch.Get(record, Field::kGpPractice));
    ++gp_[Key({gp, nicip, modality, setting})];

    const std::string_view postcode = batch.Get(record, Field::kPostcode);
    const std::string_view district =
        core::IsPostcodeFormat(postcode) ? core::PostcodeDistrict(postcode) : std::string_view("unknown");
    const std::string_view ethnic_code = batch.Get(record, Field::kEthnicCategory);
    const std::string ethnic = ethnic_code.empty() ? "unknown" : ethnic_code == "99" ? "99" : std::string(1, ethnic_code[0]);
    ++geography_[Key({district, modality, age, sex, ethnic})];

    auto wait = [&](std::string_view measure, const std::optional<core::Date>& from, const std::optional<core::Date>& to) {
        if (!from || !to || *to < *from) return;
        const int days = std::min(to->DaysSinceEpoch() - from->DaysSinceEpoch(), kLongestWait);
        ++waits_[Key({site, modality, nicip, setting, measure, std::to_string(days)})];
    };
    // Request to test runs from the request date, or the received date when there is none.
    wait("request_to_test", facts.request ? facts.request : facts.received, facts.test);
    wait("test_to_report", facts.test, facts.report);
}

core::Status CubeBuilder::Write(store::RecordTable& table, int64_t submission_id, const std::string& provider,
                                const std::string& period) const {
    const std::string id = std::to_string(submission_id);
    for (const auto& [which, counts] : {std::pair{store::BulkTable::kCubeActivity, &activity_},
                                        std::pair{store::BulkTable::kCubeGp, &gp_},
                                        std::pair{store::BulkTable::kCubeGeography, &geography_},
                                        std::pair{store::BulkTable::kCubeWaits, &waits_}}) {
        if (auto written = WriteCounts(table, which, *counts, id, provider, period); !written) return written;
    }
    return {};
}

}  // namespace did::service
