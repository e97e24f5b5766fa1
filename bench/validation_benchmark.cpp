// Micro-benchmarks of the validation hot path: what one record costs, piece by piece.
// Run: build/release/bench/validation_benchmark

#include <benchmark/benchmark.h>

#include <array>
#include <string>
#include <vector>

#include "core/csv_tokenizer.hpp"
#include "core/date.hpp"
#include "core/nhs_number.hpp"
#include "core/postcode.hpp"
#include "core/verhoeff.hpp"
#include "ingest/pipeline.hpp"
#include "synth/extract_generator.hpp"
#include "validate/record_validator.hpp"

namespace {

constexpr const char* kRecord =
    "9995783053,01,1996-09-23,A,2,N1 5TB,K51690,05,C3393042,RXX,2026-09-22T08:15:11+01:00,2026-09-22T10:39:19+01:00,"
    "2026-10-23T17:46:16+01:00,UABDO,45036003,2026-10-23T09:28:30+01:00,RXX01,RXX20260000000000\n";

void BM_TokenizeRecord(benchmark::State& state) {
    did::core::CsvTokenizer tokenizer;
    std::array<std::string_view, 18> fields;
    did::core::CsvRecord record;
    const std::string_view text = kRecord;
    for (auto _ : state) {
        tokenizer.Next(text, 0, true, fields, record);
        benchmark::DoNotOptimize(fields);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_TokenizeRecord);

void BM_ParseDate(benchmark::State& state) {
    const std::string_view text = state.range(0) == 0 ? "2026-10-23" : "2026-10-23T17:46:16+01:00";
    for (auto _ : state) benchmark::DoNotOptimize(did::core::Date::Parse(text));
}
BENCHMARK(BM_ParseDate)->Arg(0)->Arg(1);

void BM_CheckNhsNumber(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(did::core::CheckNhsNumber("9995783053"));
}
BENCHMARK(BM_CheckNhsNumber);

// DIDS017 on every record: a mix of outward shapes, spacings and GIR 0AA.
void BM_PostcodeFormat(benchmark::State& state) {
    constexpr std::array<std::string_view, 8> kPostcodes = {"LS1 4AP", "M1 1AE",  "B33 8TH",  "EC1A 1BB",
                                                            "W1A 0AX", "DN551PT", "CR2  6XH", "GIR 0AA"};
    for (auto _ : state) {
        for (std::string_view postcode : kPostcodes) benchmark::DoNotOptimize(did::core::IsPostcodeFormat(postcode));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kPostcodes.size()));
}
BENCHMARK(BM_PostcodeFormat);

void BM_Verhoeff(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(did::core::VerhoeffValid("900000000000207008"));
}
BENCHMARK(BM_Verhoeff);

void BM_ValidateRecord(benchmark::State& state) {
    did::validate::ValidationContext context;
    context.submitted = *did::core::Date::Parse("2026-11-05");
    context.period = did::core::Period::Parse("2026-10");
    did::validate::RecordValidator validator(context);
    did::core::CsvTokenizer tokenizer;
    std::array<std::string_view, 18> fields;
    did::core::CsvRecord record;
    tokenizer.Next(kRecord, 0, true, fields, record);
    std::vector<did::validate::Finding> findings;
    did::validate::RecordFacts facts;
    for (auto _ : state) {
        findings.clear();
        benchmark::DoNotOptimize(validator.Validate(fields, 2, findings, facts));
    }
}
BENCHMARK(BM_ValidateRecord);

// The whole pipeline on 100,000 generated records held in memory, per thread count.
void BM_Pipeline(benchmark::State& state) {
    static const std::string extract = [] {
        did::synth::GeneratorOptions options;
        options.rows = 100000;
        options.period = *did::core::Period::Parse("2026-10");
        options.submitted = *did::core::Date::Parse("2026-11-05");
        options.error_rate = 0.01;
        std::string out;
        (void)did::synth::GenerateExtract(options, did::refdata::NicipCatalogue::Shipped(),
                                          [&](std::string_view text) -> did::core::Status {
                                              out.append(text);
                                              return {};
                                          });
        return out;
    }();
    did::validate::ValidationContext context;
    context.submitted = *did::core::Date::Parse("2026-11-05");
    context.period = did::core::Period::Parse("2026-10");
    did::ingest::PipelineOptions options;
    options.threads = static_cast<size_t>(state.range(0));
    for (auto _ : state) {
        did::ingest::MemorySource source(extract);
        benchmark::DoNotOptimize(did::ingest::ValidateCsv(source, context, options));
    }
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(extract.size()));
    state.SetItemsProcessed(state.iterations() * 100000);
}
BENCHMARK(BM_Pipeline)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
