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
#include "ingest/rejected_records.hpp"
#include "ingest/spool.hpp"
#include "ingest/submission_format.hpp"
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

// One run of `did validate`, in the order it happens: the checks to make (the reference data
// they need), the outputs (refused before anything is read if they would overwrite a kept
// file), the input, validation, then the report and the files, written side by side.
class Validation {
  public:
    explicit Validation(const ValidateOptions& o) : o_(o) {}

    int Run() {
        ExplainFilesShortenedWhileRead();
        if (auto prepared = PrepareChecks(); !prepared) return Fail(prepared.error().message);
        if (auto clash = CheckOutputs(); !clash) return Fail(clash.error().message);
        if (auto opened = OpenInput(); !opened) return Fail(opened.error().message);

        ingest::PipelineOptions options;
        if (o_.threads > 0) options.threads = static_cast<size_t>(o_.threads);
        ProgressBar progress(source_->SizeHint());
        options.progress = [&](uint64_t bytes) { progress.Update(bytes); };
        const auto start = std::chrono::steady_clock::now();
        auto report = ingest::ValidateSubmission(*source_, context_, options, accepted_.get());
        progress.Clear();
        if (!report) return Fail(report.error().message);
        seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        if (auto written = WriteOutputs(*report); !written) return Fail(written.error().message);
        return report->file_rejected() ? kExitRejected : kExitOk;
    }

  private:
    // With --db or --refdata, exactly the checks of a submission; otherwise the NICIP
    // catalogue (and any --local-codes) alone.
    core::Status PrepareChecks() {
        context_.period = o_.period;
        if (o_.submitted) context_.submitted = *o_.submitted;
        context_.provider = o_.provider;
        if (o_.db || o_.refdata) {
            auto store =
                o_.refdata ? service::OpenBundle(*o_.refdata) : service::OpenDatabase(*o_.db, Access::kReadOnly);
            if (!store) return core::Fail(store.error());
            auto built = service::PrepareValidation(**store, o_.refdata.value_or(""), o_.provider, *o_.period,
                                                    context_.submitted,
                                                    o_.db ? refdata::CatalogueFilePath(DataDir(o_.data_dir)) : "");
            if (!built) return core::Fail(built.error());
            prepared_ = std::move(*built);
            context_ = prepared_->context->context;
            used_ = prepared_->used;
            catalogue_ = prepared_->catalogue.catalogue;
            return {};
        }
        auto loaded = refdata::LoadCatalogue(DataDir(o_.data_dir));
        if (!loaded) return core::Fail(loaded.error());
        catalogue_ = std::move(*loaded);
        context_.catalogue = catalogue_.get();
        used_.catalogue_codes = catalogue_->size();
        if (const std::string file = refdata::CatalogueFilePath(DataDir(o_.data_dir)); core::FileExists(file)) {
            used_.source = "data directory";
            used_.location = file;
            used_.catalogue = "imported";
            used_.catalogue_file = file;
        }
        if (const auto& codes_path = o_.local_codes) {
            auto text = core::ReadFile(*codes_path);
            if (!text) return core::Fail(text.error());
            auto parsed = refdata::LocalCodes::Parse(*text, *catalogue_);
            if (!parsed) return core::Fail(core::Error::InvalidArgument(*codes_path + ": " + parsed.error().message));
            local_codes_ = std::move(*parsed);
            context_.local_codes = &*local_codes_;
        }
        return {};
    }

    core::Status CheckOutputs() const {
        std::vector<KeptFile> kept =
            DatabaseFiles(o_.db ? *o_.db : DatabaseUrl({.db = std::nullopt, .data_dir = o_.data_dir, .as = {}}));
        kept.push_back({o_.path, "the file being validated"});
        if (o_.local_codes) kept.push_back({*o_.local_codes, "the local codes file"});
        if (o_.refdata) kept.push_back({*o_.refdata, "the reference data bundle"});
        return CheckOutputPaths({{"--findings", o_.findings.value_or("")},
                                 {"--accepted", o_.accepted.value_or("")},
                                 {"--rejected", o_.rejected.value_or("")}},
                                kept);
    }

    // The rejected records are copied from a second reading of the input: of the file itself,
    // or of a spool of standard input or a pipe, which can be read only once.
    core::Status OpenInput() {
        auto file = ingest::FileSource::Open(o_.path);
        if (!file) return core::Fail(file.error());
        file_ = std::move(*file);
        source_ = file_.get();
        if (const auto& rejected_path = o_.rejected) {
            auto created = ingest::RejectedRecordsFile::Create(*rejected_path);
            if (!created) return core::Fail(created.error());
            rejected_.emplace(std::move(*created));
            read_again_ = source_->ReadAgain();
            if (!read_again_) {
                const char* tmp = std::getenv("TMPDIR");
                auto made = ingest::Spool::Create(*source_, tmp != nullptr && *tmp != '\0' ? tmp : "/tmp",
                                                  std::numeric_limits<uint64_t>::max());
                if (!made) return core::Fail(made.error());
                spool_ = std::move(*made);
                spooled_ = spool_->Open();
                source_ = spooled_.get();
                read_again_ = spool_->Open();
            }
        }
        if (const auto& accepted_path = o_.accepted) {
            auto writer = report::AcceptedCsvWriter::Create(*accepted_path);
            if (!writer) return core::Fail(writer.error());
            accepted_ = std::move(*writer);
        }
        return {};
    }

    // The findings file, the rejected records and the report on standard output are written
    // side by side: for a large file with many findings each is megabytes of text, and all
    // only read the report.
    core::Status WriteOutputs(const validate::ValidationReport& report) {
        const validate::RuleCatalogue& rules = *context_.rules;
        std::future<core::Status> findings_written;
        if (o_.findings) {
            auto findings_file = report::FindingsFile::Create(*o_.findings);
            if (!findings_file) return core::Fail(findings_file.error());
            findings_written = std::async(
                std::launch::async,
                [&rules, &report, file = std::move(*findings_file)]() mutable { return file.Write(report, rules); });
        }
        std::future<core::Status> rejected_written;
        if (rejected_) {
            rejected_written =
                std::async(std::launch::async, [this, &report]() { return rejected_->Write(*read_again_, report); });
        }
        report::OutputStream out(stdout);
        const core::Status written = WriteReport(report, rules, out);
        for (auto* written_file : {&findings_written, &rejected_written}) {
            if (!written_file->valid()) continue;
            if (auto status = written_file->get(); !status) return status;
        }
        if (!written) return written;
        return out.Flush();
    }

    core::Status WriteReport(const validate::ValidationReport& report, const validate::RuleCatalogue& rules,
                             report::OutputStream& out) const {
        const std::string file_name = o_.path == "-" ? "standard input" : o_.path;
        if (o_.format == "json") {
            report::ReportSubject subject;
            subject.file_name = file_name;
            subject.provider = context_.provider;
            subject.period = context_.period;
            subject.submitted = context_.submitted;
            subject.reference = used_;
            return report::WriteValidationJson(report, rules, subject, out);
        }
        report::TextReportHeading heading;
        heading.file_name = file_name;
        heading.provider = context_.provider;
        heading.period = context_.period;
        heading.submitted = context_.submitted;
        heading.reference = used_;
        heading.seconds = seconds_;
        heading.findings_path = o_.findings.value_or("");
        heading.accepted_path = o_.accepted.value_or("");
        heading.rejected_path = o_.rejected.value_or("");
        heading.rerun_command = RerunCommand();
        return report::WriteValidationText(report, rules, heading, out);
    }

    // Every option that changes the findings, so that the command finds the same ones.
    std::string RerunCommand() const {
        std::string command = "did validate " + ShellWord(o_.path);
        if (!o_.provider.empty()) command += " --provider " + o_.provider;
        if (o_.period) command += " --period " + o_.period->ToString();
        if (o_.submitted) command += " --submitted " + o_.submitted->ToString();
        if (o_.local_codes) command += " --local-codes " + ShellWord(*o_.local_codes);
        if (o_.refdata) command += " --refdata " + ShellWord(*o_.refdata);
        if (o_.db) command += " --db " + ShellWord(used_.location);  // without a password
        if (o_.data_dir) command += " --data-dir " + ShellWord(*o_.data_dir);
        return command;
    }

    const ValidateOptions& o_;
    validate::ValidationContext context_;
    report::ReferenceDataUsed used_;
    std::optional<service::PreparedValidation> prepared_;  // --db, --refdata: what `context_` points into
    std::shared_ptr<const refdata::NicipCatalogue> catalogue_;
    std::optional<refdata::LocalCodes> local_codes_;
    std::unique_ptr<ingest::ByteSource> file_;
    ingest::ByteSource* source_ = nullptr;  // file_, or a spool of it
    std::optional<ingest::RejectedRecordsFile> rejected_;
    std::unique_ptr<ingest::ByteSource> read_again_;
    std::unique_ptr<ingest::Spool> spool_;
    std::unique_ptr<ingest::ByteSource> spooled_;
    std::unique_ptr<report::AcceptedCsvWriter> accepted_;
    double seconds_ = 0;
};

int RunValidate(const ValidateOptions& o) {
    return Validation(o).Run();
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
