// ExtractGenerator: synthetic RIS extracts in the DID submission format, for tests, the
// demo and benchmarks. Realistic mixes (modalities, source settings with about a third GP
// direct access, ages, waits per modality, catalogue NICIP/SNOMED pairs, the provider's
// sites), test-range NHS numbers (999…) only, deterministic for a seed, and optionally a
// share of records each carrying one deliberate fault, listed so tests can check for it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "synth/catchment.hpp"
#include "synth/exam_mix.hpp"
#include "validate/rule_id.hpp"

namespace did::synth {

struct GeneratorOptions {
    uint64_t rows = 1000;
    uint64_t seed = 1;
    core::Period period = core::Period::Of(core::Date::Today().FirstOfMonth().AddMonths(-1));
    core::Date submitted = core::Date::Today();  // no date in a clean record is later than this
    std::string provider = "RXX";
    std::vector<std::string> sites;  // default: the provider's code + "01" and "02"
    double error_rate = 0;           // share of records given one fault
    bool xml = false;                // the DID XML structure instead of CSV (header and quote_rate do not apply)
    bool header = true;
    bool crlf = false;
    double quote_rate = 0;        // share of text fields written in quotes
    double timestamp_rate = 0.5;  // share of records with DID 2.0 timestamps on the test and report dates

    // What a national year (national_year.hpp) sets for each provider's file; the defaults
    // keep the sample organisations and England's mix by catalogue modality.
    std::vector<ModalityVolume> modalities;  // empty: ExamMix's mix by catalogue modality
    const Catchment* catchment = nullptr;    // null: the sample practices and postcodes; not owned
    std::string other_provider = "RYJ";      // the referring organisation of source setting 06
    uint64_t first_accession = 0;            // accession numbers count on from here, month after month
};

// One deliberate fault: the record starting on `line` must draw `rule`.
struct InjectedFault {
    uint64_t line;
    validate::RuleId rule;
};

// The faults the generator can inject: every record-level rule that runs on the file alone.
const std::vector<validate::RuleId>& InjectableRules();

// Writes the extract through `write` in pieces of about a megabyte.
core::Status GenerateExtract(const GeneratorOptions& options, const refdata::NicipCatalogue& catalogue,
                             const std::function<core::Status(std::string_view)>& write,
                             std::vector<InjectedFault>* faults = nullptr);

}  // namespace did::synth
