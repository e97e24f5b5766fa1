// Catchment: where a synthetic provider's patients come from, as a national year draws them
// (national_plan.hpp): the GP practices they are registered with and the postcodes they live
// at, area by area (an area is an integrated care board's practices and postcodes), so that a
// record's practice and postcode mostly name the same commissioner, as they do in England.
// Holds pointers into the plan that made it: read-only, and no longer-lived than the plan.
#pragma once

#include <string>
#include <vector>

#include "synth/random.hpp"

namespace did::synth {

struct CatchmentArea {
    const std::vector<std::string>* practices;  // never empty
    const std::vector<std::string>* postcodes;  // never empty
    double weight;                              // the share of the provider's patients registered here
};

struct Patient {
    const std::string* practice;  // null: registered with no GP practice
    const std::string* postcode;
    // A practice of the patient's area: theirs, or one near them for a patient with none, for
    // a GP direct access request's referring organisation.
    const std::string* nearby_practice;
};

class Catchment {
  public:
    // `outside_england`: postcodes in Wales and Scotland, for the few patients who live there.
    Catchment(std::vector<CatchmentArea> areas, const std::vector<std::string>* outside_england);

    Patient Draw(Random& random) const;

  private:
    std::vector<CatchmentArea> areas_;
    std::vector<double> weights_;
    const std::vector<std::string>* outside_england_;
};

}  // namespace did::synth
