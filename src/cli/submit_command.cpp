// `did submit`: store a month's file for a provider (or, with --dry-run, say what would change).

#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <sstream>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/data_dir.hpp"
#include "cli/input_file_guard.hpp"
#include "cli/options.hpp"
#include "cli/output_paths.hpp"
#include "cli/progress_bar.hpp"
#include "cli/session.hpp"
#include "core/terminal_text.hpp"
#include "core/text_escape.hpp"
#include "core/with_commas.hpp"
#include "ingest/rejected_records.hpp"
#include "refdata/catalogue_files.hpp"
#include "report/findings_file.hpp"
#include "report/output_stream.hpp"
#include "report/validation_json.hpp"
#include "report/validation_text.hpp"
#include "service/catalogue.hpp"
#include "service/reference_validation.hpp"
#include "service/submission.hpp"
#include "service/submit_json.hpp"

namespace did::cli {
namespace {

int Fail(const std::string& message) {
    return UsageError("submit", message);
}

int ExitCode(service::SubmitResult result) {
    switch (result) {
        case service::SubmitResult::kStored:
            return kExitOk;
        case service::SubmitResult::kDryRun:
            break;  // the caller exits as the real submission would
        case service::SubmitResult::kNoAcceptedRecords:
        case service::SubmitResult::kFileRejected:
            return kExitRejected;
        case service::SubmitResult::kHeldBack:
            return kExitHeldBack;
        case service::SubmitResult::kAlreadyReceived:
            return 4;
        case service::SubmitResult::kRefused:
            return 5;
    }
    return kExitUsage;
}

std::string DiffText(const service::SubmitOutcome& outcome) {
    const auto& d = outcome.diff;
    if (!d.against_current) return "There is no current file for this month: every record would be new.\n";
    auto count = [](int64_t n) { return core::WithCommas(static_cast<uint64_t>(n)); };
    std::string text = fmt::format(
        "Compared with the current file (submission {}), by accession number and site:\n"
        "  added {}, removed {}, changed {}, unchanged {}\n",
        outcome.previous->id, count(d.added), count(d.removed), count(d.changed), count(d.unchanged));
    for (const std::string& example : d.examples) text += "    " + core::ForTerminal(example) + "\n";
    return text;
}

// For the progress bar: the size of a regular file, else unknown.
std::optional<uint64_t> FileSizeOf(const std::string& path) {
    struct stat st {};
    if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    return static_cast<uint64_t>(st.st_size);
}

std::string ReceiptText(const service::Receipt& r, const std::string& file_name) {
    auto count = [](int64_t n) { return core::WithCommas(static_cast<uint64_t>(n)); };
    std::string received = r.received_on.ToString();
    if (r.backdated) received += " (back-dated; the server received it at " + r.received_at + ")";
    return fmt::format(
        "\nReceipt\n"
        "  Reference   {}\n"
        "  File        {}, {} bytes\n"
        "  SHA-256     {}\n"
        "  Received    {}\n"
        "  Cut-off     {}: {}\n"
        "  Records     {}: {} accepted, {} rejected, {} with warnings\n",
        r.reference, file_name, count(r.bytes), r.sha256, received, r.cutoff.ToString(), r.on_time ? "on time" : "late",
        count(r.records), count(r.accepted), count(r.rejected), count(r.warned));
}

struct SubmitOptions {
    std::string path;
    std::string provider;
    std::optional<core::Period> period;
    std::optional<core::Date> submitted;
    std::string reason;
    bool confirm_drop = false;
    bool dry_run = false;
    std::optional<int64_t> prep_minutes;
    std::string comment;
    std::string format;
    std::optional<std::string> findings;
    std::optional<std::string> rejected;
    int64_t threads = 0;
    SessionOptions session;
};

service::SubmitRequest RequestFrom(const SubmitOptions& o) {
    service::SubmitRequest request;
    request.path = o.path;
    request.file_name = request.path == "-" ? "standard input" : request.path;
    request.provider = o.provider;
    request.period = *o.period;
    if (o.submitted) request.received_on = *o.submitted;
    request.backdate_reason = o.reason;
    request.prep_minutes = o.prep_minutes;
    if (o.threads > 0) request.pipeline.threads = static_cast<size_t>(o.threads);
    request.comment = o.comment;
    request.confirm_drop = o.confirm_drop;
    request.dry_run = o.dry_run;
    if (const char* tmp = std::getenv("TMPDIR"); tmp != nullptr && *tmp != '\0') request.spool_directory = tmp;
    return request;
}

// The findings and rejected-records files: created before anything is read, and written
// inside the submission's transaction, so that if one cannot be written nothing is stored.
struct PromisedFiles {
    std::optional<report::FindingsFile> findings;
    std::optional<ingest::RejectedRecordsFile> rejected;

    core::Status Create(const SubmitOptions& o) {
        if (o.findings) {
            auto file = report::FindingsFile::Create(*o.findings);
            if (!file) return core::Fail(file.error());
            findings.emplace(std::move(*file));
        }
        if (o.rejected) {
            auto file = ingest::RejectedRecordsFile::Create(*o.rejected);
            if (!file) return core::Fail(file.error());
            rejected.emplace(std::move(*file));
        }
        return {};
    }

    void PromiseIn(service::SubmitRequest& request) {
        if (!findings && !rejected) return;
        request.write_outputs = [this](const validate::ValidationReport& report, ingest::ByteSource& input) {
            if (findings) {
                if (auto written = findings->Write(report, validate::RuleCatalogue::Standard()); !written)
                    return written;
            }
            return rejected ? rejected->Write(input, report) : core::Status{};
        };
    }
};

// Every option that changes the result, as a dry run to try first.
std::string RerunCommand(const SubmitOptions& o) {
    std::string command = fmt::format("did submit --provider {} --period {} {} --dry-run", o.provider,
                                      o.period->ToString(), ShellWord(o.path));
    if (o.submitted) command += " --submitted " + o.submitted->ToString();
    if (o.session.db) command += " --db " + ShellWord(*o.session.db);
    if (o.session.data_dir) command += " --data-dir " + ShellWord(*o.session.data_dir);
    return command;
}

void WriteSubmitText(const SubmitOptions& o, const service::SubmitRequest& request,
                     const service::SubmitOutcome& outcome, const report::ReferenceDataUsed& reference, double seconds,
                     report::OutputStream& out) {
    if (outcome.report) {
        report::TextReportHeading heading;
        heading.file_name = request.file_name;
        heading.provider = request.provider;
        heading.period = request.period;
        heading.submitted = request.received_on;
        heading.reference = reference;
        heading.findings_path = o.findings.value_or("");
        heading.rejected_path = o.rejected.value_or("");
        heading.seconds = seconds;
        heading.rerun_command = RerunCommand(o);
        if (outcome.result == service::SubmitResult::kHeldBack) {
            heading.verdict =
                "HELD BACK: nothing was stored. The records are checked below; why the file is held "
                "back is said at the end.";
        }
        (void)report::WriteValidationText(*outcome.report, validate::RuleCatalogue::Standard(), heading, out);
        out.Write("\n");
    }
    // The diff names sites and accession numbers as sent, the messages file names: shown
    // with control characters visible.
    if (request.dry_run) out.Write(DiffText(outcome));
    out.Write(core::ForTerminal(outcome.message) + "\n");
    if (outcome.receipt) out.Write(ReceiptText(*outcome.receipt, core::ForTerminal(request.file_name)));
}

int RunSubmit(const SubmitOptions& o) {
    service::SubmitRequest request = RequestFrom(o);
    std::vector<KeptFile> kept = DatabaseFiles(DatabaseUrl(o.session));
    kept.push_back({request.path, "the file being submitted"});
    if (auto clash =
            CheckOutputPaths({{"--findings", o.findings.value_or("")}, {"--rejected", o.rejected.value_or("")}}, kept);
        !clash)
        return Fail(clash.error().message);

    auto session = OpenSession(o.session);
    if (!session) return Fail(session.error().message);
    request.actor = session->actor;
    // The catalogue in the database, which every server on it uses.
    auto catalogue = service::LoadCatalogue(*session->store, refdata::CatalogueFilePath(session->data_dir));
    if (!catalogue) return Fail(catalogue.error().message);
    const report::ReferenceDataUsed reference = service::DatabaseReferenceData(*session->store, *catalogue);

    PromisedFiles promised;
    if (auto created = promised.Create(o); !created) return Fail(created.error().message);
    promised.PromiseIn(request);

    ExplainFilesShortenedWhileRead();
    ProgressBar progress(FileSizeOf(request.path));
    request.pipeline.progress = [&](uint64_t bytes) { progress.Update(bytes); };
    const auto start = std::chrono::steady_clock::now();
    auto outcome = service::Submit(*session->store, *catalogue->catalogue, request);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.Clear();
    if (!outcome) return Fail(outcome.error().message);

    report::OutputStream out(stdout);
    if (o.format == "json") {
        service::WriteSubmitJson(request, *outcome, reference, out);
    } else {
        WriteSubmitText(o, request, *outcome, reference, seconds, out);
    }
    if (auto flushed = out.Flush(); !flushed) return Fail(flushed.error().message);
    // A dry run exits as the real submission would, so a script can check a file before sending it.
    return ExitCode(outcome->result == service::SubmitResult::kDryRun ? outcome->would_be : outcome->result);
}

}  // namespace

void AddSubmitCommand(CLI::App& did, int& exit_status) {
    auto o = std::make_shared<SubmitOptions>();
    CLI::App* cmd = did.add_subcommand("submit", "store a month's file for a provider (--dry-run: what would change)");
    cmd->footer(std::string(kExitStatusHelp) +
                "\n3 held back (--confirm-drop to store it), 4 already received, 5 refused (window, provider, size).");
    cmd->add_option("file", o->path, "the file to submit (- for standard input)")->required()->type_name("FILE");
    AddOrgCodeOption(*cmd, "--provider", o->provider, "the submitting organisation")->required();
    AddPeriodOption(*cmd, "--period", o->period, "the reporting month the file is for")->required();
    cmd->add_flag("--confirm-drop", o->confirm_drop, "store a file with far fewer records than the current one");
    cmd->add_flag("--dry-run", o->dry_run, "validate and compare with the current file; store nothing");
    auto* submitted = AddDateOption(*cmd, "--submitted", o->submitted,
                                    "record the file as received on this day (an administrator's act, audited)");
    cmd->add_option("--reason", o->reason, "why the day received is not today")->needs(submitted);
    AddWholeNumberOption(*cmd, "--prep-minutes", o->prep_minutes, 0, 100000,
                         "feedback: how many minutes the extract took to prepare");
    cmd->add_option("--comment", o->comment, "feedback: anything about the burden of the collection");
    AddFormatOption(*cmd, o->format, {"text", "json"});
    cmd->add_option("--findings", o->findings, "write every finding here (stored with the submission, or nothing is)")
        ->type_name("OUT.csv");
    cmd->add_option("--rejected", o->rejected,
                    "copy the header line and the rejected records here, as sent (with the submission, or nothing is)")
        ->type_name("OUT.csv");
    AddWholeNumberOption(*cmd, "--threads", o->threads, 1, 256, "worker threads (default: one per core)");
    AddSessionOptions(*cmd, o->session);
    cmd->callback([o, &exit_status] { exit_status = RunSubmit(*o); });
}

}  // namespace did::cli
