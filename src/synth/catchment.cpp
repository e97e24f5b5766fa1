#include "synth/catchment.hpp"

#include <utility>

namespace did::synth {
namespace {

// About 2% of records carry no GP practice (patients not registered, or not recorded): their
// commissioner is then found from the postcode, which is why the postcode is the area's.
constexpr double kNoPracticeRate = 0.02;
// Patients registered over a border: living in a Welsh or Scottish postcode (no English ICB),
// or in a neighbouring ICB of the provider's catchment.
constexpr double kOutsideEnglandRate = 0.005;
constexpr double kNeighbourRate = 0.04;

}  // namespace

Catchment::Catchment(std::vector<CatchmentArea> areas, const std::vector<std::string>* outside_england)
    : areas_(std::move(areas)), outside_england_(outside_england) {
    weights_.reserve(areas_.size());
    for (const CatchmentArea& area : areas_) weights_.push_back(area.weight);
}

Patient Catchment::Draw(Random& random) const {
    const size_t home = random.Pick(weights_);
    const CatchmentArea& area = areas_[home];
    const std::string& nearby = (*area.practices)[random.Below(area.practices->size())];
    Patient patient{&nearby, nullptr, &nearby};
    if (random.Chance(kNoPracticeRate)) patient.practice = nullptr;
    const std::vector<std::string>* postcodes = area.postcodes;
    const double where = random.Unit();
    if (where < kOutsideEnglandRate) {
        if (outside_england_ != nullptr && !outside_england_->empty()) postcodes = outside_england_;
    } else if (where < kOutsideEnglandRate + kNeighbourRate && areas_.size() > 1) {
        size_t other = random.Below(areas_.size() - 1);
        if (other >= home) ++other;
        postcodes = areas_[other].postcodes;
    }
    patient.postcode = &(*postcodes)[random.Below(postcodes->size())];
    return patient;
}

}  // namespace did::synth
