// Writing a national year (national_plan.hpp) into a directory, for national statistics to be
// computed from and held against NHS England's published figures: the reference data in the
// official layouts the importers read (etr.csv, ephp.csv, ets.csv, epraccur.csv; icb.csv, the
// ONS "Integrated Care Boards (July 2023) Names and Codes in England"; onspd.csv, the ONS
// Postcode Directory's columns), one submission file per provider and month
// (files/PROVIDER-YYYY-MM.csv, made by the extract generator) and submissions.csv listing every
// file with the day it is to be sent, so that a script can import the one and submit the others.
// Each file is streamed to disk as it is made: the year is never in memory.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "core/period.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "synth/extract_generator.hpp"
#include "synth/national_plan.hpp"

namespace did::synth {

struct NationalYearOptions {
    core::Period first_month = *core::Period::Parse("2025-04");  // April of the financial year
    double scale = 0.01;                                         // of England's year
    uint64_t seed = 1;
    // What every file shares: error rate, quoting, timestamps, line ends. The rest (rows, seed,
    // period, day sent, provider, sites, patients, mix) is the plan's.
    GeneratorOptions file;
};

struct NationalYearSummary {
    size_t providers = 0;
    size_t icbs = 0;
    size_t practices = 0;
    size_t postcodes = 0;
    size_t files = 0;
    uint64_t records = 0;
    uint64_t bytes = 0;  // of the submission files
};

core::Result<NationalYearSummary> WriteNationalYear(const NationalYearOptions& options,
                                                    const refdata::NicipCatalogue& catalogue,
                                                    const std::string& directory);

}  // namespace did::synth
