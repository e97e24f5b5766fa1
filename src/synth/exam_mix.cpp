#include "synth/exam_mix.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

#include "refdata/published_modality.hpp"

namespace did::synth {
namespace {

using refdata::Modality;

// Examinations a year in England, 2024/25, millions (collection.md); the rest are estimates.
constexpr std::array<std::pair<Modality, double>, refdata::kModalityCount> kModalityShares = {{
    {Modality::kPlainRadiography, 23.5},
    {Modality::kUltrasound, 11.5},
    {Modality::kComputedTomography, 8.3},
    {Modality::kMagneticResonance, 4.9},
    {Modality::kFluoroscopy, 0.96},
    {Modality::kNuclearMedicine, 0.62},
    {Modality::kInterventional, 0.3},
    {Modality::kEndoscopy, 0.1},
    {Modality::kConeBeamCt, 0.05},
    {Modality::kMedicalPhotography, 0.05},
}};

struct Favourite {
    std::string_view code;
    double weight;
};

// The common examinations of each modality; chest X-ray alone is over a third of X-rays.
constexpr Favourite kFavourites[] = {
    {"XCHES", 36}, {"XKNEL", 3}, {"XKNER", 3},  {"XLSPN", 2},  {"XPELV", 3},  {"XHIPL", 2},  {"XHIPR", 2},
    {"XANKL", 2},  {"XANKR", 2}, {"XFOOL", 2},  {"XFOOR", 2},  {"XWRIL", 3},  {"XWRIR", 3},  {"XHANL", 2},
    {"XHANR", 2},  {"XABDO", 3}, {"XCSPN", 1},  {"XTSPN", 1},  {"UABDO", 25}, {"UPELV", 12}, {"UABPE", 6},
    {"UKIDB", 6},  {"URENT", 4}, {"UBLAD", 3},  {"UNECK", 4},  {"UTHYD", 3},  {"ULLVL", 3},  {"ULLVR", 3},
    {"UOBDV", 5},  {"UTEST", 2}, {"CSKUH", 30}, {"CCHES", 10}, {"CCHESC", 6}, {"CABPE", 8},  {"CABPEC", 10},
    {"CKIDB", 3},  {"CCOLO", 2}, {"MSKUH", 20}, {"MLSPN", 12}, {"MKNEL", 5},  {"MKNER", 5},  {"MCSPN", 5},
    {"MPROS", 6},  {"MABDO", 3}, {"MPELV", 3},  {"MIAMB", 2},  {"FBASW", 20}, {"FBAEN", 10}, {"NBONW", 25},
    {"NTHYS", 5},  {"NPET", 30},
};

constexpr double kFavouriteShare = 0.75;  // the rest spread over every code of the modality

// Median days from request to test and from test to report (collection.md for X, U, C, M).
constexpr std::array<double, refdata::kModalityCount> kMedianWait = {0, 1, 21, 15, 14, 14, 7, 14, 7, 3};
constexpr std::array<double, refdata::kModalityCount> kMedianReport = {1, 1, 3, 0, 1, 2, 1, 1, 1, 1};

constexpr uint8_t kNoPool = 0xFF;

// A mix by published modality: for a median of 0 days, the share the same day, and the median
// of the others less one.
constexpr double kSameDayShare = 0.7;
constexpr double kLaterMedian = 2;

}  // namespace

ExamMix::ExamMix(const refdata::NicipCatalogue& catalogue)
    : pools_(refdata::kModalityCount),
      weights_(refdata::kModalityCount, 0.0),
      entries_(catalogue.entries().data()),
      pool_of_(catalogue.size(), kNoPool) {
    for (const auto& entry : catalogue.entries()) {
        const auto pool = static_cast<uint8_t>(entry.modality);
        pools_[pool].all.push_back(&entry);
        pool_of_[static_cast<size_t>(&entry - entries_)] = pool;
    }
    for (size_t i = 0; i < pools_.size(); ++i) {
        pools_[i].median_wait = kMedianWait[i];
        pools_[i].median_report = kMedianReport[i];
    }
    AddFavourites(catalogue);
    for (const auto& [modality, share] : kModalityShares) {
        if (!pools_[static_cast<size_t>(modality)].all.empty()) weights_[static_cast<size_t>(modality)] = share;
    }
}

ExamMix::ExamMix(const refdata::NicipCatalogue& catalogue, std::span<const ModalityVolume> volumes)
    : pools_(volumes.size()),
      weights_(volumes.size(), 0.0),
      entries_(catalogue.entries().data()),
      pool_of_(catalogue.size(), kNoPool),
      rounded_(true) {
    const auto& published = refdata::PublishedModalities::Shipped();
    for (const auto& entry : catalogue.entries()) {
        const std::string_view label = published.Of(entry.code, entry.modality);
        for (size_t i = 0; i < volumes.size() && i < kNoPool; ++i) {
            if (volumes[i].modality != label) continue;
            pools_[i].all.push_back(&entry);
            pool_of_[static_cast<size_t>(&entry - entries_)] = static_cast<uint8_t>(i);
            break;
        }
    }
    for (size_t i = 0; i < pools_.size(); ++i) {
        pools_[i].median_wait = volumes[i].median_wait_days;
        pools_[i].median_report = volumes[i].median_report_days;
        if (!pools_[i].all.empty()) weights_[i] = volumes[i].examinations;
    }
    AddFavourites(catalogue);
}

void ExamMix::AddFavourites(const refdata::NicipCatalogue& catalogue) {
    for (const Favourite& f : kFavourites) {
        const auto* entry = catalogue.FindNicip(f.code);
        if (entry == nullptr) continue;
        const uint8_t pool = pool_of_[static_cast<size_t>(entry - entries_)];
        if (pool == kNoPool) continue;
        pools_[pool].favourites.push_back(entry);
        pools_[pool].favourite_weights.push_back(f.weight);
    }
    for (Pool& pool : pools_) pool.favourite_share = pool.favourites.empty() ? 0 : kFavouriteShare;
}

const refdata::NicipEntry& ExamMix::PickExam(Random& random) const {
    const Pool& pool = pools_[random.Pick(weights_)];
    if (random.Chance(pool.favourite_share)) return *pool.favourites[random.Pick(pool.favourite_weights)];
    return *pool.all[random.Below(pool.all.size())];
}

int ExamMix::WaitDays(Random& random, const refdata::NicipEntry& exam) const {
    return std::min(Days(random, pools_[PoolOf(exam)].median_wait), 300);
}

int ExamMix::ReportDays(Random& random, const refdata::NicipEntry& exam) const {
    return std::min(Days(random, pools_[PoolOf(exam)].median_report), 27);
}

int ExamMix::Days(Random& random, double median) const {
    if (!rounded_) return random.DaysWithMedian(median);
    // Exponential as DaysWithMedian, but rounded to whole days rather than truncated: the
    // median of the whole days is then the median asked for (truncated, a median of 1 day
    // comes out as half the waits at 0), as the statistics' median of whole days is compared
    // with the published one.
    auto exponential = [&](double m) {
        const double u = 1.0 - random.Unit();
        return static_cast<int>(std::lround(-std::log(u) * m / std::log(2.0)));
    };
    if (median > 0) return exponential(median);
    // A median of 0: most the same day, the rest with a tail of days (a planned X-ray, an
    // ultrasound report typed up later) rather than DaysWithMedian's one to three.
    return random.Chance(kSameDayShare) ? 0 : 1 + exponential(kLaterMedian);
}

}  // namespace did::synth
