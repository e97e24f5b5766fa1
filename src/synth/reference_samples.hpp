// Synthetic reference data in the official file layouts (ODS epraccur, etr, ets and ephp;
// the ONS Postcode Directory), consistent with what the extract generator writes: its GP
// practices, postcodes, providers and sites all appear in them. Shipped under data/samples/
// for tests and the demo; nothing in them is real.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace did::synth {

const std::vector<std::string>& SampleGpPractices();
const std::vector<std::string>& SamplePostcodes();

struct SampleProvider {
    std::string code;
    std::string name;
    bool independent = false;
    std::vector<std::string> sites;
};
const std::vector<SampleProvider>& SampleProviders();

// One row of an ODS file (epraccur, etr, ets, ephp; no header): code, name, national grouping
// (the NHS England region), high level health geography (the ICB), five address lines (the
// third the town), postcode, open and close dates (CCYYMMDD), status, sub-type, parent.
struct OdsRow {
    std::string code;
    std::string name;
    std::string region = "Y63";
    std::string icb = "QWO";
    std::string town = "LEEDS";
    std::string postcode;
    std::string opened;
    std::string closed;
    std::string parent;
};
std::string FormatOdsRow(const OdsRow& row);

// Writes epraccur.csv, etr.csv, ets.csv, ephp.csv, onspd.csv and icb.csv (the ONS names and codes of
// the ICBs the postcodes name) into `directory`.
core::Status WriteReferenceSamples(const std::string& directory);

}  // namespace did::synth
