// ExamMix: which examinations a synthetic provider does and how long patients wait: the
// modality shares and waits of England's published DID figures, the common codes of each
// modality weighted up, the rest of the catalogue spread thinly. Built once; read-only.
#pragma once

#include <array>
#include <vector>

#include "refdata/nicip_catalogue.hpp"
#include "synth/random.hpp"

namespace did::synth {

class ExamMix {
  public:
    explicit ExamMix(const refdata::NicipCatalogue& catalogue);

    const refdata::NicipEntry& PickExam(Random& random) const;
    // Days from request to test, and from test to report, for the exam's modality.
    int WaitDays(Random& random, refdata::Modality modality) const;
    int ReportDays(Random& random, refdata::Modality modality) const;

  private:
    struct Pool {
        std::vector<const refdata::NicipEntry*> favourites;
        std::vector<double> favourite_weights;
        double favourite_share = 0;
        std::vector<const refdata::NicipEntry*> all;
    };
    std::array<Pool, refdata::kModalityCount> pools_;
    std::array<double, refdata::kModalityCount> modality_weights_{};
};

}  // namespace did::synth
