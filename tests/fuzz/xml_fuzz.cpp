// libFuzzer target for the XML reader and the validation pipeline behind it: any bytes read as
// XML (csv_fuzz has the rest) must give a report (never a crash, a hang or a sanitizer report), and the report
// must not depend on how the file was cut into windows and chunks, on the number of threads, or
// on whether the one-pass plain reader read a chunk before expat (expat alone must agree).

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ingest/submission_format.hpp"
#include "validate/rule_catalogue.hpp"

namespace {

std::string Digest(const did::validate::ValidationReport& report) {
    std::string out = std::to_string(report.records.total) + "/" + std::to_string(report.records.rejected) + "/" +
                      std::to_string(report.records.warned) + ";";
    auto add = [&](const did::validate::Finding& f) {
        out += std::to_string(f.line) + ":" + std::to_string(static_cast<int>(f.rule)) + ":" + f.value + ":" +
               f.message + ";";
        return true;
    };
    (void)report.file_errors.ForEach(add);
    (void)report.findings.ForEach(add);
    return out;
}

std::string Validate(std::string_view data, size_t threads, size_t window, size_t chunk, bool plain_reader = true) {
    did::validate::ValidationContext context;
    context.submitted = *did::core::Date::Parse("2026-11-05");
    context.period = did::core::Period::Parse("2026-10");
    did::ingest::PipelineOptions options;
    options.threads = threads;
    options.window_bytes = window;
    options.min_chunk_bytes = chunk;
    options.max_record_bytes = 1 << 16;
    options.xml_plain_reader = plain_reader;
    did::ingest::MemorySource source(data);
    auto report = did::ingest::ValidateSubmission(source, context, options);
    if (!report) std::abort();  // memory never fails to read
    return Digest(*report);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (did::ingest::DetectFormat(input) != did::ingest::SubmissionFormat::kXml) return 0;
    const std::string whole = Validate(input, 1, 1 << 20, 1 << 20);
    // Windows of 64 bytes and chunks of 16 put boundaries inside records, tags and text.
    const std::string cut = Validate(input, 2, 64, 16);
    if (whole != cut) std::abort();
    if (Validate(input, 1, 1 << 20, 1 << 20, false) != whole) std::abort();  // expat alone
    return 0;
}
