#include "service/statistics_cube.hpp"

#include <algorithm>

#include "refdata/cancer_test_groups.hpp"
#include "refdata/published_modality.hpp"

namespace did::service {
namespace {

// No wait is longer than ten years; anything longer is a date typed wrong, counted at ten years
// so that the key stays small. It moves no median the tables show.
constexpr int64_t kLongestWait = 3660;
constexpr int kDayBits = 12;  // days + 1: 0 (not known) to kLongestWait + 1

constexpr int kGroupBits = 3;    // 0: in no cancer test group; 1-5: kCancerTestGroups[g - 1]
constexpr int kSettingBits = 8;  // at most 101 settings: the two-digit ones and "unknown"

// (exam, setting, measure, days) in one word, from the low end: days + 1, the measure, the
// setting, then the exam's class (its modality and cancer test group, see ExamClass).
uint64_t Key(uint32_t exam_class, uint32_t setting, bool request_to_test, int64_t days) {
    return (((uint64_t{exam_class} << kSettingBits | setting) << 1 | (request_to_test ? 1u : 0u)) << kDayBits |
            static_cast<uint64_t>(days + 1)) +
           1;  // never 0, which the flat map reserves
}

core::OptionalDate DateOf(const std::string& text) {
    return core::OptionalDate::FromPacked(core::Date::ParsePacked(text));
}

}  // namespace

int64_t WaitDays(core::OptionalDate from, core::OptionalDate to) {
    if (!from || !to || *to < *from) return -1;
    return std::min<int64_t>(to->DaysSinceEpoch() - from->DaysSinceEpoch(), kLongestWait);
}

uint32_t StatisticsCube::Intern(std::vector<std::string>& values, std::string_view value) {
    for (size_t i = 0; i < values.size(); ++i) {
        if (values[i] == value) return static_cast<uint32_t>(i);
    }
    values.emplace_back(value);
    return static_cast<uint32_t>(values.size() - 1);
}

void StatisticsCube::Add(const refdata::NicipEntry* exam, std::string_view source_setting, int64_t request_to_test,
                         int64_t test_to_report) {
    // Per record: one lookup by the catalogue entry's address (1 for no entry: entries are
    // aligned, so no address is 1) and one by the setting's bytes, no string compared.
    const uint64_t exam_key = exam != nullptr ? reinterpret_cast<uintptr_t>(exam) : 1;
    uint32_t exam_class = 0;
    if (const uint32_t* known = class_of_exam_.Find(exam_key)) {
        exam_class = *known;
    } else {
        const uint32_t m =
            Intern(modalities_, exam != nullptr ? refdata::PublishedModalities::Shipped().Of(exam->code, exam->modality)
                                                : std::string_view("unknown"));
        const std::string_view group =
            exam != nullptr ? refdata::CancerTestGroups::Shipped().Of(exam->code) : std::string_view();
        const auto in_group = std::find(refdata::kCancerTestGroups.begin(), refdata::kCancerTestGroups.end(), group);
        const auto g = in_group == refdata::kCancerTestGroups.end()
                           ? 0u
                           : static_cast<uint32_t>(in_group - refdata::kCancerTestGroups.begin()) + 1;
        exam_class = m << kGroupBits | g;
        class_of_exam_.Put(exam_key, exam_class);
    }
    // Source settings are two digits; anything else (a warning let it through) is "unknown",
    // so that one file's settings stay within what the key has room for.
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    const bool two = source_setting.size() == 2 && digit(source_setting[0]) && digit(source_setting[1]);
    const uint64_t setting_key =
        two ? (uint64_t{3} << 16 | uint64_t{static_cast<unsigned char>(source_setting[0])} << 8 |
               static_cast<unsigned char>(source_setting[1]))
            : 1;
    uint32_t s = 0;
    if (const uint32_t* known = setting_of_.Find(setting_key)) {
        s = *known;
    } else {
        s = Intern(settings_, two ? source_setting : std::string_view("unknown"));
        setting_of_.Put(setting_key, s);
    }
    ++counts_.FindOrInsert(Key(exam_class, s, true, request_to_test));
    ++counts_.FindOrInsert(Key(exam_class, s, false, test_to_report));
}

core::Status StatisticsCube::Write(store::RecordTable& table, int64_t submission_id, const std::string& provider,
                                   const std::string& period) const {
    auto loader = table.Loader(store::BulkTable::kCubeStatistics);
    if (!loader) return core::Fail(loader.error());
    core::Status failed;
    store::BulkRow row;
    counts_.ForEach([&](uint64_t key, int64_t count) {
        if (!failed) return;
        const uint64_t k = key - 1;
        const auto days = static_cast<int64_t>(k & ((uint64_t{1} << kDayBits) - 1)) - 1;
        const bool request_to_test = ((k >> kDayBits) & 1u) != 0;
        const auto setting = static_cast<size_t>((k >> (kDayBits + 1)) & ((uint64_t{1} << kSettingBits) - 1));
        const uint64_t exam_class = k >> (kDayBits + 1 + kSettingBits);
        const auto group = static_cast<size_t>(exam_class & ((uint64_t{1} << kGroupBits) - 1));
        const auto modality = static_cast<size_t>(exam_class >> kGroupBits);
        row.assign({submission_id, provider, period, modalities_[modality], settings_[setting],
                    group == 0 ? std::string_view("") : refdata::kCancerTestGroups[group - 1],
                    std::string_view(request_to_test ? "request_to_test" : "test_to_report"), days, count});
        failed = (*loader)->Add(row);
    });
    if (!failed) return failed;
    return (*loader)->Finish();
}

core::Result<int64_t> RebuildStatisticsCube(store::Store& store, const refdata::NicipCatalogue& catalogue,
                                            bool recount) {
    store::StatisticsCubeTable table(store.db());
    if (recount) {
        if (auto forgotten = store.InTransaction([&] { return table.ForgetAll(); }); !forgotten) {
            return core::Fail(forgotten.error());
        }
    }
    auto files = table.Uncounted();
    if (!files) return core::Fail(files.error());
    for (const store::UncountedFile& file : *files) {
        auto counted = store.InTransaction([&]() -> core::Status {
            StatisticsCube cube;
            auto read = table.ForEachRecord(file, [&](const store::StatisticsRecord& r) {
                if (r.excluded) return;
                // The NICIP column holds the code the record was counted under (a local code's
                // mapping included); a record sent with a SNOMED CT code only is found by it.
                const refdata::NicipEntry* exam = catalogue.FindNicip(r.nicip_code);
                if (exam == nullptr) {
                    if (const auto snomed = refdata::ParseSnomedId(r.snomed_code))
                        exam = catalogue.FindBySnomed(*snomed);
                }
                const core::OptionalDate test = DateOf(r.test_date);
                cube.Add(exam, r.source_setting,
                         RequestToTestDays(DateOf(r.request_date), DateOf(r.request_received_date), test),
                         WaitDays(test, DateOf(r.report_issue_date)));
            });
            if (!read) return read;
            store::RecordTable records(store.db());
            if (auto written = cube.Write(records, file.submission_id, file.provider, file.period); !written) {
                return written;
            }
            return table.MarkCounted(file.submission_id);
        });
        if (!counted) return core::Fail(counted.error());
    }
    return static_cast<int64_t>(files->size());
}

}  // namespace did::service
