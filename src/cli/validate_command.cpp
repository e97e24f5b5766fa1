// `did validate FILE`: the offline pre-validator and the engine behind every submission.

#include <chrono>
#include <cstdio>
#include <future>
#include <memory>
#include <utility>

#include <fmt/format.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/data_dir.hpp"
#include "cli/input_file_guard.hpp"
#include "cli/progress_bar.hpp"
#include "core/file_io.hpp"
#include "ingest/byte_source.hpp"
#include "ingest/pipeline.hpp"
#include "refdata/catalogue_files.hpp"
#include "refdata/local_codes.hpp"
#include "report/accepted_csv_writer.hpp"
#include "report/findings_csv.hpp"
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

// The findings file, written to a temporary name and renamed into place when complete, so a
// reader never sees half of it. Created before anything is written, so that a path that
// cannot be created fails the command before the report is printed.
class FindingsFile {
  public:
    static core::Result<FindingsFile> Create(const std::string& path) {
        std::FILE* file = std::fopen((path + ".partial").c_str(), "wb");
        if (file == nullptr) return core::Fail(core::Error::IoError("cannot create " + path + ".partial"));
        return FindingsFile(path, file);
    }
    FindingsFile(FindingsFile&& other) noexcept
        : path_(std::move(other.path_)), file_(std::exchange(other.file_, nullptr)) {}
    FindingsFile(const FindingsFile&) = delete;
    FindingsFile& operator=(const FindingsFile&) = delete;
    FindingsFile& operator=(FindingsFile&&) = delete;
    ~FindingsFile() {
        if (file_ == nullptr) return;
        std::fclose(file_);
        std::remove((path_ + ".partial").c_str());
    }

    core::Status Write(const validate::ValidationReport& report, const validate::RuleCatalogue& rules) {
        core::Status status;
        {
            report::OutputStream out(file_);
            status = report::WriteFindingsCsv(report, rules, out);
        }
        const bool closed = std::fclose(std::exchange(file_, nullptr)) == 0;
        const std::string temp = path_ + ".partial";
        if (!status || !closed || std::rename(temp.c_str(), path_.c_str()) != 0) {
            std::remove(temp.c_str());
            return status ? core::Fail(core::Error::IoError("cannot write " + path_)) : status;
        }
        return {};
    }

  private:
    FindingsFile(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}

    std::string path_;
    std::FILE* file_;
};

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
        auto findings_file = FindingsFile::Create(*findings_path);
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
    return report->file_rejected() ? kExitRejected : kExitOk;
}

}  // namespace did::cli
