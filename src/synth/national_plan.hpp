// NationalPlan: a financial year of the collection shaped like England's, at a scale: the
// seven NHS England regions, 42 integrated care boards (ICBs), about 150 providers (a few of
// them independent) with their sites, GP practices and postcodes in every ICB, and how many
// examinations each provider does in each month, with NHS England's published mix of
// modalities and waits. Made from a seed and a scale alone, so that years made with the same
// two share their reference data. Read-only once made: national_year.hpp writes it out.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "synth/catchment.hpp"
#include "synth/exam_mix.hpp"

namespace did::synth {

// NHS England's published year, 2024/25: examinations by modality, and the medians of request
// to test (published for X-ray, ultrasound, CT and MRI; the others' and the test-to-report
// medians are this project's estimates, docs/command-line.md).
std::span<const ModalityVolume> PublishedYear();

struct PlanIcb {
    std::string code;             // ONS: E54000101
    std::string ods_code;         // ODS: QAA
    std::string name;             // "NHS Sample London 1 Integrated Care Board"
    std::string sub_icb;          // the commissioner its practices name (epraccur column 15)
    size_t region = 0;            // into refdata::NhsRegions()
    std::string ons_region;       // the ONS region of its postcodes (E12…)
    std::string local_authority;  // of its postcodes
    std::vector<std::string> practices;
    std::vector<std::string> postcodes;  // live, each in one ICB only
};

struct PlanProvider {
    std::string code;  // an NHS trust's R.., an independent provider's N..
    std::string name;
    bool independent = false;
    size_t icb = 0;  // where it is: its patients mostly live in this ICB, the rest in its region
    std::vector<std::string> sites;
    std::string partner;  // another provider of its region: the referring organisation of setting 06
    std::array<uint64_t, 12> examinations{};  // in each month of the year, April first
    int submission_day = 5;                   // the day of the following month its files are sent
};

// A postcode of the directory outside England: no English ICB.
struct OutsidePostcode {
    std::string postcode;
    std::string local_authority;
    std::string region;        // ONS's pseudo-code for a country without regions: W99999999, S99999999
    std::string health_board;  // in the icb column: a Welsh local health board (W11…) or empty
};

class NationalPlan {
  public:
    // `scale`: 1 is England's year (about 50 million examinations), 0.01 a hundredth of it.
    static NationalPlan Make(uint64_t seed, double scale);

    uint64_t seed() const { return seed_; }
    double scale() const { return scale_; }
    const std::vector<PlanIcb>& icbs() const { return icbs_; }
    const std::vector<PlanProvider>& providers() const { return providers_; }
    const std::vector<OutsidePostcode>& outside_england() const { return outside_; }
    uint64_t Examinations() const;

    // Where provider `index`'s patients come from; points into this plan.
    Catchment CatchmentOf(size_t index) const;

  private:
    uint64_t seed_ = 0;
    double scale_ = 0;
    std::vector<PlanIcb> icbs_;
    std::vector<PlanProvider> providers_;
    std::vector<OutsidePostcode> outside_;
    std::vector<std::string> outside_codes_;  // the postcodes of outside_, for catchments
};

}  // namespace did::synth
