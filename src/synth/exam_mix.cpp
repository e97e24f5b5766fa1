#include "synth/exam_mix.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

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

}  // namespace

ExamMix::ExamMix(const refdata::NicipCatalogue& catalogue) {
    for (const auto& entry : catalogue.entries()) pools_[static_cast<size_t>(entry.modality)].all.push_back(&entry);
    for (const Favourite& f : kFavourites) {
        if (const auto* entry = catalogue.FindNicip(f.code)) {
            Pool& pool = pools_[static_cast<size_t>(entry->modality)];
            pool.favourites.push_back(entry);
            pool.favourite_weights.push_back(f.weight);
        }
    }
    for (Pool& pool : pools_) pool.favourite_share = pool.favourites.empty() ? 0 : kFavouriteShare;
    for (const auto& [modality, share] : kModalityShares) {
        if (!pools_[static_cast<size_t>(modality)].all.empty())
            modality_weights_[static_cast<size_t>(modality)] = share;
    }
}

const refdata::NicipEntry& ExamMix::PickExam(Random& random) const {
    const Pool& pool = pools_[random.Pick(modality_weights_)];
    if (random.Chance(pool.favourite_share)) return *pool.favourites[random.Pick(pool.favourite_weights)];
    return *pool.all[random.Below(pool.all.size())];
}

int ExamMix::WaitDays(Random& random, refdata::Modality modality) const {
    return std::min(random.DaysWithMedian(kMedianWait[static_cast<size_t>(modality)]), 300);
}

int ExamMix::ReportDays(Random& random, refdata::Modality modality) const {
    return std::min(random.DaysWithMedian(kMedianReport[static_cast<size_t>(modality)]), 27);
}

}  // namespace did::synth
