#include "service/statistics_cube.hpp"

#include <algorithm>
#include <array>
#include <tuple>

#include "core/postcode.hpp"
#include "refdata/cancer_test_groups.hpp"
#include "refdata/published_modality.hpp"
#include "service/day_bands.hpp"
#include "service/reference_data.hpp"
#include "service/statistics_cube_text.hpp"

namespace did::service {
namespace {

// No wait is longer than ten years; anything longer is a date typed wrong, counted at ten years
// so that the key stays small. It moves no median the tables show.
constexpr int64_t kLongestWait = 3660;
constexpr int kDayBits = 12;  // days + 1: 0 (not known) to kLongestWait + 1

constexpr int kGroupBits = 3;    // 0: in no cancer test group; 1-5: kCancerTestGroups[g - 1]
constexpr int kSettingBits = 8;  // at most 101 settings: the two-digit ones and "unknown"

// (exam, setting, measure, days) in one word, from the low end: days + 1, the measure, the
// setting, then the exam's class: its modality (a names_ index) above its cancer test group.
uint64_t Key(uint32_t exam_class, uint32_t setting, bool request_to_test, int64_t days) {
    return (((uint64_t{exam_class} << kSettingBits | setting) << 1 | (request_to_test ? 1u : 0u)) << kDayBits |
            static_cast<uint64_t>(days + 1)) +
           1;  // never 0, which the flat map reserves
}

// The counts by commissioner, from the low end: the DayBands bucket, the measure, GP direct
// access or not, the exam's class, the commissioner.
constexpr int kBucketBits = 5;
// The counts by age and sex, from the low end: the sex, the age band, the exam.
constexpr int kAgeBits = 5;
constexpr int kSexBits = 8;
constexpr int kClassBits = 24;
uint64_t CommissionerKey(uint32_t commissioner, uint32_t exam_class, bool gp_direct, bool request_to_test,
                         size_t bucket) {
    return ((((uint64_t{commissioner} << kClassBits | exam_class) << 1 | (gp_direct ? 1u : 0u)) << 1 |
             (request_to_test ? 1u : 0u))
                << kBucketBits |
            bucket) +
           1;
}

// A short text's bytes as a map key (never 0); 0 for text too long to be a practice or postcode.
uint64_t BytesKey(std::string_view text) {
    if (text.size() > 7) return 0;
    uint64_t key = 1;  // a marker byte, so that "" and "A" differ from each other and from 0
    for (const char c : text) key = key << 8 | static_cast<unsigned char>(c);
    return key;
}

core::OptionalDate DateOf(const std::string& text) {
    return core::OptionalDate::FromPacked(core::Date::ParsePacked(text));
}

}  // namespace

int64_t WaitDays(core::OptionalDate from, core::OptionalDate to) {
    if (!from || !to || *to < *from) return -1;
    return std::min<int64_t>(to->DaysSinceEpoch() - from->DaysSinceEpoch(), kLongestWait);
}

uint32_t StatisticsCube::Intern(std::vector<std::string>& names, std::string_view name) {
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return static_cast<uint32_t>(i);
    }
    names.emplace_back(name);
    return static_cast<uint32_t>(names.size() - 1);
}

uint32_t StatisticsCube::CommissionerOf(std::string_view practice, std::string_view postcode) {
    if (commissioners_ == nullptr) return 0;
    auto intern = [&](std::string_view code) { return code.empty() ? 0u : Intern(commissioner_names_, code); };
    // Each practice and postcode is looked up once per file: a file has a few hundred practices.
    const uint64_t practice_key = BytesKey(practice);
    if (practice_key != 0) {
        uint32_t& known = commissioner_of_practice_.FindOrInsert(practice_key);
        if (known == 0) known = intern(commissioners_->OfPractice(practice)) + 1;
        if (known > 1) return known - 1;
    } else if (const uint32_t c = intern(commissioners_->OfPractice(practice)); c != 0) {
        return c;
    }
    // A postcode not in a UK format has no ICB, and is not cached: the key below drops spaces,
    // which the format check does not.
    if (!core::IsPostcodeFormat(postcode)) return 0;
    // The postcode without its space, so that it fits the key.
    std::array<char, 7> compact{};
    size_t length = 0;
    for (const char c : postcode) {
        if (c == ' ') continue;
        if (length == compact.size()) return intern(commissioners_->OfPostcode(postcode));
        compact[length++] = c;
    }
    uint32_t& known = commissioner_of_postcode_.FindOrInsert(BytesKey({compact.data(), length}));
    if (known == 0) known = intern(commissioners_->OfPostcode(postcode)) + 1;
    return known - 1;
}

void StatisticsCube::Add(const Examination& x) {
    const refdata::NicipEntry* exam = x.exam;
    const std::string_view source_setting = x.source_setting;
    // Per record: one lookup by the catalogue entry's address and one by the setting's bytes,
    // no string compared.
    uint32_t exam_class = 0;
    uint32_t exam_index = 0;  // into exams_
    // A code the catalogue does not have is counted as the exam "unknown" (key 1: entries are
    // aligned, so no entry's address is 1), so that every analysis sees every examination.
    const uint64_t exam_key = exam != nullptr ? reinterpret_cast<uintptr_t>(exam) : 1;
    if (const uint32_t* known = exam_of_.Find(exam_key)) {
        exam_index = *known - 1;
        Exam& e = exams_[exam_index];
        ++e.examinations;
        exam_class = e.exam_class;
    } else {
        const uint32_t m =
            Intern(names_, exam != nullptr ? refdata::PublishedModalities::Shipped().Of(exam->code, exam->modality)
                                           : std::string_view("unknown"));
        const std::string_view group =
            exam != nullptr ? refdata::CancerTestGroups::Shipped().Of(exam->code) : std::string_view();
        const auto in_group = std::find(refdata::kCancerTestGroups.begin(), refdata::kCancerTestGroups.end(), group);
        const auto g = in_group == refdata::kCancerTestGroups.end()
                           ? 0u
                           : static_cast<uint32_t>(in_group - refdata::kCancerTestGroups.begin()) + 1;
        exam_class = m << kGroupBits | g;
        exams_.push_back({Intern(names_, exam != nullptr ? std::string_view(exam->code) : "unknown"), exam_class, 1});
        exam_index = static_cast<uint32_t>(exams_.size() - 1);
        exam_of_.Put(exam_key, exam_index + 1);
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
    ++counts_.FindOrInsert(Key(exam_class, s, true, x.request_to_test));
    ++counts_.FindOrInsert(Key(exam_class, s, false, x.test_to_report));
    const uint32_t commissioner = CommissionerOf(x.practice, x.postcode);
    const bool gp_direct = source_setting == "04";
    ++by_commissioner_.FindOrInsert(CommissionerKey(commissioner, exam_class, gp_direct, true,
                                                    DayBands::BucketOf(static_cast<int>(x.request_to_test))));
    ++by_commissioner_.FindOrInsert(CommissionerKey(commissioner, exam_class, gp_direct, false,
                                                    DayBands::BucketOf(static_cast<int>(x.test_to_report))));
    const uint64_t sex_key = BytesKey(x.sex);
    uint32_t& sex = sex_of_.FindOrInsert(sex_key != 0 ? sex_key : 1);
    if (sex == 0) sex = Intern(sexes_, sex_key != 0 ? x.sex : std::string_view("unknown")) + 1;
    ++by_age_and_sex_.FindOrInsert(((uint64_t{exam_index} << kAgeBits | x.age_band) << kSexBits | (sex - 1)) + 1);
}

core::Result<std::string> StatisticsCube::Encode() const {
    // The counts in key order: one series' days together, increasing.
    std::vector<std::pair<uint64_t, int64_t>> cells;
    counts_.ForEach([&](uint64_t key, int64_t count) { cells.emplace_back(key - 1, count); });
    std::sort(cells.begin(), cells.end());
    FileCube cube;
    cube.names.assign(names_.begin(), names_.end());
    cube.names.insert(cube.names.end(), settings_.begin(), settings_.end());  // setting s is names_.size() + s
    cube.days.reserve(cells.size());
    uint64_t series_key = UINT64_MAX;
    for (const auto& [k, count] : cells) {
        if (k >> kDayBits != series_key) {
            series_key = k >> kDayBits;
            const uint64_t exam_class = series_key >> (1 + kSettingBits);
            cube.series.push_back(
                {static_cast<uint32_t>(exam_class >> kGroupBits),
                 static_cast<uint32_t>(names_.size() + ((series_key >> 1) & ((uint64_t{1} << kSettingBits) - 1))),
                 static_cast<uint32_t>(exam_class & ((uint64_t{1} << kGroupBits) - 1)), (series_key & 1u) != 0,
                 static_cast<uint32_t>(cube.days.size()), 0});
        }
        cube.days.push_back({static_cast<int32_t>(k & ((uint64_t{1} << kDayBits) - 1)) - 1, count});
        ++cube.series.back().size;
    }
    for (const Exam& e : exams_) cube.codes.push_back({e.code, e.exam_class >> kGroupBits, e.examinations});
    return EncodeFileCube(cube);
}

core::Result<std::string> StatisticsCube::EncodeCommissioners() const {
    std::vector<std::pair<uint64_t, int64_t>> cells;
    by_commissioner_.ForEach([&](uint64_t key, int64_t count) { cells.emplace_back(key - 1, count); });
    std::sort(cells.begin(), cells.end());
    CommissionerCube cube;
    // The exams' names (their modalities among them), then the commissioners'.
    cube.names.assign(names_.begin(), names_.end());
    cube.names.insert(cube.names.end(), commissioner_names_.begin(), commissioner_names_.end());
    cube.cells.reserve(cells.size());
    uint64_t series_key = UINT64_MAX;
    for (const auto& [k, count] : cells) {
        if (k >> kBucketBits != series_key) {
            series_key = k >> kBucketBits;
            const uint64_t exam_class = (series_key >> 2) & ((uint64_t{1} << kClassBits) - 1);
            cube.series.push_back({static_cast<uint32_t>(names_.size() + (series_key >> (2 + kClassBits))),
                                   static_cast<uint32_t>(exam_class >> kGroupBits),
                                   static_cast<uint32_t>(exam_class & ((uint64_t{1} << kGroupBits) - 1)),
                                   (series_key & 2u) != 0, (series_key & 1u) != 0,
                                   static_cast<uint32_t>(cube.cells.size()), 0});
        }
        cube.cells.push_back({static_cast<uint32_t>(k & ((uint64_t{1} << kBucketBits) - 1)), count});
        ++cube.series.back().size;
    }
    return EncodeCommissionerCube(cube);
}

core::Result<std::string> StatisticsCube::EncodeAgeAndSex() const {
    AgeSexCube cube;
    // The exams' names (their codes among them), then the age bands, then the sexes.
    cube.names.assign(names_.begin(), names_.end());
    cube.names.insert(cube.names.end(), kAgeBands.begin(), kAgeBands.end());
    cube.names.insert(cube.names.end(), sexes_.begin(), sexes_.end());
    const auto ages = static_cast<uint32_t>(names_.size());
    const auto sexes = static_cast<uint32_t>(names_.size() + kAgeBands.size());
    by_age_and_sex_.ForEach([&](uint64_t key, int64_t count) {
        const uint64_t k = key - 1;
        cube.entries.push_back({exams_[k >> (kAgeBits + kSexBits)].code,
                                ages + static_cast<uint32_t>((k >> kSexBits) & ((uint64_t{1} << kAgeBits) - 1)),
                                sexes + static_cast<uint32_t>(k & ((uint64_t{1} << kSexBits) - 1)), count});
    });
    std::sort(cube.entries.begin(), cube.entries.end(), [](const AgeSexCount& a, const AgeSexCount& b) {
        return std::tie(a.code, a.age_band, a.sex) < std::tie(b.code, b.age_band, b.sex);
    });
    return EncodeAgeSexCube(cube);
}

core::Result<int64_t> RebuildStatisticsCube(store::Store& store, const refdata::NicipCatalogue& catalogue,
                                            bool recount) {
    store::StatisticsCubeTable table(store.db());
    auto reference = LoadReferenceData(store);
    if (!reference) return core::Fail(reference.error());
    auto commissioners = Commissioners::Load(store, &(*reference)->organisations);
    if (!commissioners) return core::Fail(commissioners.error());
    if (recount) {
        if (auto forgotten = store.InTransaction([&] { return table.ForgetAll(); }); !forgotten) {
            return core::Fail(forgotten.error());
        }
    }
    auto files = table.Uncounted();
    if (!files) return core::Fail(files.error());
    for (const store::UncountedFile& file : *files) {
        auto counted = store.InTransaction([&]() -> core::Status {
            StatisticsCube cube(&*commissioners);
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
                cube.Add({exam, r.source_setting,
                          RequestToTestDays(DateOf(r.request_date), DateOf(r.request_received_date), test),
                          WaitDays(test, DateOf(r.report_issue_date)), r.gp_practice, r.postcode, r.gender,
                          AgeBandIndex(DateOf(r.birth_date), test)});
            });
            if (!read) return read;
            auto cells = cube.Encode();
            if (!cells) return core::Fail(cells.error());
            auto by_commissioner = cube.EncodeCommissioners();
            if (!by_commissioner) return core::Fail(by_commissioner.error());
            auto by_age_and_sex = cube.EncodeAgeAndSex();
            if (!by_age_and_sex) return core::Fail(by_age_and_sex.error());
            return table.Write(file.submission_id, file.provider, file.period,
                               {*cells, *by_commissioner, *by_age_and_sex});
        });
        if (!counted) return core::Fail(counted.error());
    }
    return static_cast<int64_t>(files->size());
}

}  // namespace did::service
