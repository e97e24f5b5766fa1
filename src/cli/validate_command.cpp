// `did validate FILE`: the offline pre-validator and the engine behind every submission. With
// --refdata BUNDLE (exported by `did refdata export`) or --db URL it checks the file exactly as
// its submission would be checked (service/reference_validation.hpp); without either, against
// the NICIP catalogue alone.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <limits>
#include <memory>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/data_dir.hpp"
#include "cli/input_file_guard.hpp"
#include "cli/options.hpp"
#include "cli/output_paths.hpp"
#include "cli/progress_bar.hpp"
#include "cli/session.hpp"
#include "core/file_io.hpp"
#include "ingest/byte_source.hpp"
#include "ingest/pipeline.hpp"
#include "ingest/rejected_records.hpp"
#include "ingest/spool.hpp"
#include "refdata/catalogue_files.hpp"
#include "refdata/local_codes.hpp"
#include "report/accepted_csv_writer.hpp"
#include "report/findings_file.hpp"
#include "report/validation_json.hpp"
#include "report/validation_text.hpp"
#include "service/database.hpp"
#include "service/reference_validation.hpp"

namespace did::cli {
namespace {

struct ValidateOptions {
    std::string path;
    std::string provider;
    std::optional<core::Period> period;
    std::optional<core::Date> submitted;
    std::optional<std::string> local_codes;
    std::string format;
    std::optional<std::string> findings;
    std::optional<std::string> accepted;
    std::optional<std::string> rejected;
    int64_t threads = 0;
    std::optional<std::string> data_dir;
    std::optional<std::string> db;
    std::optional<std::string> refdata;
};

int Fail(const std::string& message) {
    return UsageError("validate", message);
}

int RunValidate(const ValidateOptions& o) {
    ExplainFilesShortenedWhileRead();
    const std::string& path = o.path;
    validate::ValidationContext context;
    context.period = o.period;
    if (o.submitted) context.submitted = *o.submitted;
    context.provider = o.provider;
    const std::string& format = o.format;
    ingest::PipelineOptions options;
    if (o.threads > 0) options.threads = static_cast<size_t>(o.threads);

    report::ReferenceDataUsed used;
    std::optional<service::PreparedValidation> prepared;  // --db, --refdata: what `context` points into
    std::shared_ptr<const refdata::NicipCatalogue> catalogue;
    std::optional<refdata::LocalCodes> local_codes;
    if (o.db || o.refdata) {
        auto store = o.refdata ? service::OpenBundle(*o.refdata) : service::OpenDatabase(*o.db, Access::kReadOnly);
        if (!store) return Fail(store.error().message);
        auto built =
            service::PrepareValidation(**store, o.refdata.value_or(""), o.provider, *o.period, context.submitted,
                                       o.db ? refdata::CatalogueFilePath(DataDir(o.data_dir)) : "");
        if (!built) return Fail(built.error().message);
        prepared = std::move(*built);
        context = prepared->context->context;
        used = prepared->used;
        catalogue = prepared->catalogue.catalogue;
    } else {
        auto loaded = refdata::LoadCatalogue(DataDir(o.data_dir));
        if (!loaded) return Fail(loaded.error().message);
        catalogue = std::move(*loaded);
        context.catalogue = catalogue.get();
        used.catalogue_codes = catalogue->size();
        if (const std::string file = refdata::CatalogueFilePath(DataDir(o.data_dir)); core::FileExists(file)) {
            used.source = "data directory";
            used.location = file;
            used.catalogue = "imported";
            used.catalogue_file = file;
        }
        if (const auto& codes_path = o.local_codes) {
            auto text = core::ReadFile(*codes_path);
            if (!text) return Fail(text.error().message);
            auto parsed = refdata::LocalCodes::Parse(*text, *catalogue);
            if (!parsed) return Fail(*codes_path + ": " + parsed.error().message);
            local_codes = std::move(*parsed);
            context.local_codes = &*local_codes;
        }
    }

    std::vector<KeptFile> kept =
        DatabaseFiles(o.db ? *o.db : DatabaseUrl({.db = std::nullopt, .data_dir = o.data_dir, .as = {}}));
    kept.push_back({path, "the file being validated"});
    if (o.local_codes) kept.push_back({*o.local_codes, "the local codes file"});
    if (o.refdata) kept.push_back({*o.refdata, "the reference data bundle"});
    if (auto clash = CheckOutputPaths({{"--findings", o.findings.value_or("")},
                                       {"--accepted", o.accepted.value_or("")},
                                       {"--rejected", o.rejected.value_or("")}},
                                      kept);
        !clash) {
        return Fail(clash.error().message);
    }

    auto file = ingest::FileSource::Open(path);
    if (!file) return Fail(file.error().message);
    ingest::ByteSource* source = file->get();
    // The rejected records are copied from a second reading of the input: of the file itself,
    // or of a spool of standard input or a pipe, which can be read only once.
    std::optional<ingest::RejectedRecordsFile> rejected;
    std::unique_ptr<ingest::ByteSource> read_again;
    std::unique_ptr<ingest::Spool> spool;
    std::unique_ptr<ingest::ByteSource> spooled;
    if (const auto& rejected_path = o.rejected) {
        auto created = ingest::RejectedRecordsFile::Create(*rejected_path);
        if (!created) return Fail(created.error().message);
        rejected.emplace(std::move(*created));
        read_again = source->ReadAgain();
        if (!read_again) {
            const char* tmp = std::getenv("TMPDIR");
            auto made = ingest::Spool::Create(*source, tmp != nullptr && *tmp != '\0' ? tmp : "/tmp",
                                              std::numeric_limits<uint64_t>::max());
            if (!made) return Fail(made.error().message);
            spool = std::move(*made);
            spooled = spool->Open();
            source = spooled.get();
            read_again = spool->Open();
        }
    }
    std::unique_ptr<report::AcceptedCsvWriter> accepted;
    if (const auto& accepted_path = o.accepted) {
        auto writer = report::AcceptedCsvWriter::Create(*accepted_path);
        if (!writer) return Fail(writer.error().message);
        accepted = std::move(*writer);
    }

    ProgressBar progress(source->SizeHint());
    options.progress = [&](uint64_t bytes) { progress.Update(bytes); };
    const auto start = std::chrono::steady_clock::now();
    auto report = ingest::ValidateCsv(*source, context, options, accepted.get());
    progress.Clear();
    if (!report) return UsageError("validate", report.error().message);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const validate::RuleCatalogue& rules = *context.rules;
    const auto& findings_path = o.findings;
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
    std::future<core::Status> rejected_written;
    if (rejected) {
        rejected_written = std::async(
            std::launch::async, [&report, &rejected, &read_again]() { return rejected->Write(*read_again, *report); });
    }
    report::OutputStream out(stdout);
    core::Status written;
    if (format == "json") {
        report::ReportSubject subject;
        subject.file_name = path == "-" ? "standard input" : path;
        subject.provider = context.provider;
        subject.period = context.period;
        subject.submitted = context.submitted;
        subject.reference = used;
        written = report::WriteValidationJson(*report, rules, subject, out);
    } else {
        report::TextReportHeading heading;
        heading.file_name = path == "-" ? "standard input" : path;
        heading.provider = context.provider;
        heading.period = context.period;
        heading.submitted = context.submitted;
        heading.reference = used;
        heading.seconds = seconds;
        heading.findings_path = findings_path.value_or("");
        heading.accepted_path = o.accepted.value_or("");
        heading.rejected_path = o.rejected.value_or("");
        // Every option that changes the findings, so that the command finds the same ones.
        heading.rerun_command = "did validate " + ShellWord(path);
        if (!o.provider.empty()) heading.rerun_command += " --provider " + o.provider;
        if (o.period) heading.rerun_command += " --period " + o.period->ToString();
        if (o.submitted) heading.rerun_command += " --submitted " + o.submitted->ToString();
        if (o.local_codes) heading.rerun_command += " --local-codes " + ShellWord(*o.local_codes);
        if (o.refdata) heading.rerun_command += " --refdata " + ShellWord(*o.refdata);
        if (o.db) heading.rerun_command += " --db " + ShellWord(used.location);  // without a password
        if (o.data_dir) heading.rerun_command += " --data-dir " + ShellWord(*o.data_dir);
        written = report::WriteValidationText(*report, rules, heading, out);
    }
    for (auto* written_file : {&findings_written, &rejected_written}) {
        if (!written_file->valid()) continue;
        if (auto status = written_file->get(); !status) return UsageError("validate", status.error().message);
    }
    if (!written) return UsageError("validate", written.error().message);
    if (auto flushed = out.Flush(); !flushed) return UsageError("validate", flushed.error().message);
    return report->file_rejected() ? kExitRejected : kExitOk;
}

}  // namespace

void AddValidateCommand(CLI::App& did, int& exit_status) {
    auto o = std::make_shared<ValidateOptions>();
    CLI::App* cmd = did.add_subcommand("validate", "check a submission file against every rule");
    cmd->add_option("file", o->path, "the file to check (- for standard input)")->required()->type_name("FILE");
    CLI::Option* provider = AddOrgCodeOption(*cmd, "--provider", o->provider, "the submitting organisation");
    CLI::Option* period =
        AddPeriodOption(*cmd, "--period", o->period, "the reporting month the file is for (turns on DIDC-PERIOD)");
    AddDateOption(*cmd, "--submitted", o->submitted, "the day the file is received (default today)");
    CLI::Option* local_codes =
        cmd->add_option("--local-codes", o->local_codes, "local_code,nicip_code pairs this provider has notified")
            ->type_name("CSV");
    CLI::Option* bundle =
        cmd->add_option("--refdata", o->refdata,
                        "check as a submission would be, against this bundle (did refdata export); not "
                        "DIDC-DUPLICATE-PROVIDER, which needs other providers' submissions")
            ->type_name("FILE");
    CLI::Option* db =
        cmd->add_option("--db", o->db, "check as a submission would be, against this database's reference data")
            ->type_name("URL");
    // The reference data, the provider's approved local codes and agreements come from the
    // bundle or the database, for the provider and month given.
    for (CLI::Option* source : {bundle, db}) source->needs(provider)->needs(period)->excludes(local_codes);
    bundle->excludes(db);
    AddFormatOption(*cmd, o->format, {"text", "json"});
    cmd->add_option("--findings", o->findings, "write every finding here: line, field, rule, severity, value, message")
        ->type_name("OUT.csv");
    cmd->add_option("--accepted", o->accepted, "write the accepted records here, normalised (itself a valid file)")
        ->type_name("OUT.csv");
    cmd->add_option("--rejected", o->rejected,
                    "copy the header line and the rejected records here, byte for byte as sent, to fix and resend")
        ->type_name("OUT.csv");
    AddWholeNumberOption(*cmd, "--threads", o->threads, 1, 256, "worker threads (default: one per core)");
    AddDataDirOption(*cmd, o->data_dir);
    cmd->callback([o, &exit_status] { exit_status = RunValidate(*o); });
}

}  // namespace did::cli
