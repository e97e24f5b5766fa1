// ExamMix: which examinations a synthetic provider does and how long patients wait: the
// modality shares and waits of England's published DID figures, the common codes of each
// modality weighted up, the rest of the catalogue spread thinly. Built once; read-only.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "refdata/nicip_catalogue.hpp"
#include "synth/random.hpp"

namespace did::synth {

// One published modality of a mix (a label of refdata::kPublishedModalities): how many
// examinations it has against the others, and the median days its patients wait.
struct ModalityVolume {
    std::string_view modality;
    double examinations = 0;        // a year; only the ratios between modalities matter to a mix
    double median_wait_days = 0;    // request to test
    double median_report_days = 0;  // test to report
};

class ExamMix {
  public:
    // By catalogue modality (the first letter of the code), cone beam CT, endoscopy and
    // interventional radiology included, PET and SPECT within nuclear medicine.
    explicit ExamMix(const refdata::NicipCatalogue& catalogue);
    // By published modality, PET and SPECT apart from the rest of nuclear medicine
    // (refdata::PublishedModalities): only the modalities listed, in their proportions, with
    // their medians.
    ExamMix(const refdata::NicipCatalogue& catalogue, std::span<const ModalityVolume> volumes);

    const refdata::NicipEntry& PickExam(Random& random) const;
    // Days from request to test, and from test to report, for an exam PickExam gave.
    int WaitDays(Random& random, const refdata::NicipEntry& exam) const;
    int ReportDays(Random& random, const refdata::NicipEntry& exam) const;

  private:
    struct Pool {
        std::vector<const refdata::NicipEntry*> favourites;
        std::vector<double> favourite_weights;
        double favourite_share = 0;
        std::vector<const refdata::NicipEntry*> all;
        double median_wait = 0;
        double median_report = 0;
    };
    void AddFavourites(const refdata::NicipCatalogue& catalogue);
    size_t PoolOf(const refdata::NicipEntry& exam) const { return pool_of_[static_cast<size_t>(&exam - entries_)]; }
    int Days(Random& random, double median) const;

    std::vector<Pool> pools_;
    std::vector<double> weights_;  // of each pool
    const refdata::NicipEntry* entries_;
    std::vector<uint8_t> pool_of_;  // by catalogue entry
    bool rounded_ = false;          // whole days rounded rather than truncated: see Days
};

}  // namespace did::synth
