// `did validate FILE`: the offline pre-validator and the engine behind every submission.

#include <chrono>
#include <cstdio>
#include <future>
#include <memory>

#include <fmt/format.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/data_dir.hpp"
#include "cli/input_file_guard.hpp"
#include "cli/output_paths.hpp"
#include "cli/progress_bar.hpp"
#include "cli/session.hpp"
#include "core/file_io.hpp"
#include "ingest/byte_source.hpp"
#include "ingest/pipeline.hpp"
#include "refdata/catalogue_files.hpp"
#include "refdata/local_codes.hpp"
#include "report/accepted_csv_writer.hpp"
#include "report/findings_file.hpp"
#include "report/validation_json.hpp"
#include "report/validation_text.hpp"

namespace did::cli {
namespace {

constexpr const char* kUsage =
    "usage: did validate FILE [--provider CODE] [--period YYYY-MM] [--submitted YYYY-MM-DD]\n"
    "                         [--local-codes CSV] [--format text|json] [--findings OUT.csv]\n"
    "                         [--accepted OUT.csv] [--threads N] [--data-dir DIR]";

int Fail(const std::string& message) {
    return UsageError("validate", message + "\n" + kUsage);
}

}  // namespace

int RunValidate(const std::vector<std::string>& argv) {
    ExplainFilesShortenedWhileRead();
    auto args = Args::Parse(argv, {{"provider"},
                                   {"period"},
                                   {"submitted"},
                                   {"local-codes"},
                                   {"format"},
                                   {"findings"},
                                   {"accepted"},
                                   {"threads"},
                                   {"data-dir"}});
    if (!args) return Fail(args.error().message);
    if (args->positional().size() != 1) return Fail("give exactly one file to validate (or - for standard input)");
    const std::string path = args->positional()[0];

    validate::ValidationContext context;
    if (auto text = args->Get("period")) {
        context.period = core::Period::Parse(*text);
        if (!context.period) return Fail("--period '" + *text + "' is not a month as YYYY-MM");
    }
    if (auto text = args->Get("submitted")) {
        const auto date = core::Date::Parse(*text);
        if (!date || text->size() != 10) return Fail("--submitted '" + *text + "' is not a date as YYYY-MM-DD");
        context.submitted = *date;
    }
    context.provider = args->GetOr("provider", "");
    const std::string format = args->GetOr("format", "text");
    if (format != "text" && format != "json") return Fail("--format must be text or json");
    ingest::PipelineOptions options;
    if (auto threads = args->Get("threads")) {
        try {
            options.threads = static_cast<size_t>(std::stoul(*threads));
        } catch (...) {
            return Fail("--threads must be a number");
        }
    }

    auto catalogue = refdata::LoadCatalogue(DataDir(*args));
    if (!catalogue) return Fail(catalogue.error().message);
    context.catalogue = catalogue->get();
    std::optional<refdata::LocalCodes> local_codes;
    if (auto codes_path = args->Get("local-codes")) {
        auto text = core::ReadFile(*codes_path);
        if (!text) return Fail(text.error().message);
        auto parsed = refdata::LocalCodes::Parse(*text, **catalogue);
        if (!parsed) return Fail(*codes_path + ": " + parsed.error().message);
        local_codes = std::move(*parsed);
        context.local_codes = &*local_codes;
    }

    std::vector<KeptFile> kept = DatabaseFiles(DatabaseUrl(*args, DataDir(*args)));
    kept.push_back({path, "the file being validated"});
    if (auto codes_path = args->Get("local-codes")) kept.push_back({*codes_path, "the local codes file"});
    if (auto clash = CheckOutputPaths(
            {{"--findings", args->GetOr("findings", "")}, {"--accepted", args->GetOr("accepted", "")}}, kept);
        !clash) {
        return Fail(clash.error().message);
    }

    auto source = ingest::FileSource::Open(path);
    if (!source) return Fail(source.error().message);
    std::unique_ptr<report::AcceptedCsvWriter> accepted;
    if (auto accepted_path = args->Get("accepted")) {
        auto writer = report::AcceptedCsvWriter::Create(*accepted_path);
        if (!writer) return Fail(writer.error().message);
        accepted = std::move(*writer);
    }

    ProgressBar progress((*source)->SizeHint());
    options.progress = [&](uint64_t bytes) { progress.Update(bytes); };
    const auto start = std::chrono::steady_clock::now();
    auto report = ingest::ValidateCsv(**source, context, options, accepted.get());
    progress.Clear();
    if (!report) return UsageError("validate", report.error().message);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const validate::RuleCatalogue& rules = *context.rules;
    const auto findings_path = args->Get("findings");
    // The findings file and the report on standard output are written side by side: for a
    // large file with many findings each is megabytes of text, and both only read the report.
    std::future<core::Status> findings_written;
    if (findings_path) {
        auto findings_file = report::FindingsFile::Create(*findings_path);
        if (!findings_file) return UsageError("validate", findings_file.error().message);
        findings_written = std::async(
            std::launch::async,
            [&rules, &report, file = std::move(*findings_file)]() mutable { return file.Write(*report, rules); });
    }
    report::OutputStream out(stdout);
    core::Status written;
    if (format == "json") {
        written = report::WriteValidationJson(*report, rules, out);
    } else {
        report::TextReportHeading heading;
        heading.file_name = path == "-" ? "standard input" : path;
        heading.provider = context.provider;
        heading.period = context.period;
        heading.submitted = context.submitted;
        heading.seconds = seconds;
        heading.findings_path = findings_path.value_or("");
        heading.accepted_path = args->GetOr("accepted", "");
        written = report::WriteValidationText(*report, rules, heading, out);
    }
    if (findings_written.valid()) {
        if (auto status = findings_written.get(); !status) return UsageError("validate", status.error().message);
    }
    if (!written) return UsageError("validate", written.error().message);
    if (auto flushed = out.Flush(); !flushed) return UsageError("validate", flushed.error().message);
    return report->file_rejected() ? kExitRejected : kExitOk;
}

}  // namespace did::cli
