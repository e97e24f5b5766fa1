// `did submit`: store a month's file for a provider (or, with --dry-run, say what would change).

#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <sstream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/data_dir.hpp"
#include "cli/input_file_guard.hpp"
#include "cli/output_paths.hpp"
#include "cli/progress_bar.hpp"
#include "cli/session.hpp"
#include "core/text_escape.hpp"
#include "core/with_commas.hpp"
#include "refdata/catalogue_files.hpp"
#include "report/findings_file.hpp"
#include "report/output_stream.hpp"
#include "report/validation_json.hpp"
#include "report/validation_text.hpp"
#include "service/submission.hpp"

namespace did::cli {
namespace {

constexpr const char* kUsage =
    "usage: did submit --provider CODE --period YYYY-MM FILE [--confirm-drop] [--dry-run]\n"
    "                  [--submitted YYYY-MM-DD] [--prep-minutes N] [--comment TEXT] [--format text|json]\n"
    "                  [--reason TEXT] [--findings OUT.csv] [--db URL] [--as NAME]";

int Fail(const std::string& message) {
    return UsageError("submit", message + "\n" + kUsage);
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
            return 3;
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
    for (const std::string& example : d.examples) text += "    " + example + "\n";
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

void AppendReceiptJson(const service::Receipt& r, std::string& b) {
    b += ",\"receipt\":{\"reference\":";
    core::AppendJsonString(b, r.reference);
    b += fmt::format(
        ",\"sha256\":\"{}\",\"bytes\":{},\"received_at\":\"{}\",\"received_on\":\"{}\",\"backdated\":{},"
        "\"cutoff\":\"{}\",\"on_time\":{},\"records\":{},\"accepted\":{},\"rejected\":{},\"warned\":{}}}",
        r.sha256, r.bytes, r.received_at, r.received_on.ToString(), r.backdated, r.cutoff.ToString(), r.on_time,
        r.records, r.accepted, r.rejected, r.warned);
}

}  // namespace

int RunSubmit(const std::vector<std::string>& argv) {
    auto args = Args::Parse(argv, WithSessionOptions({{"provider"},
                                                      {"period"},
                                                      {"confirm-drop", false},
                                                      {"dry-run", false},
                                                      {"submitted"},
                                                      {"prep-minutes"},
                                                      {"comment"},
                                                      {"format"},
                                                      {"findings"},
                                                      {"threads"},
                                                      {"reason"}}));
    if (!args) return Fail(args.error().message);
    if (args->positional().size() != 1) return Fail("give exactly one file to submit");
    service::SubmitRequest request;
    request.path = args->positional()[0];
    request.file_name = request.path == "-" ? "standard input" : request.path;
    request.provider = args->GetOr("provider", "");
    if (request.provider.empty()) return Fail("--provider is required");
    const auto period = core::Period::Parse(args->GetOr("period", ""));
    if (!period) return Fail("--period YYYY-MM is required");
    request.period = *period;
    if (auto text = args->Get("submitted")) {
        const auto date = core::Date::Parse(*text);
        if (!date || text->size() != 10) return Fail("--submitted must be YYYY-MM-DD");
        request.received_on = *date;
    }
    if (auto minutes = args->Get("prep-minutes")) {
        try {
            request.prep_minutes = std::stoll(*minutes);
        } catch (...) {
            return Fail("--prep-minutes must be a whole number of minutes");
        }
        if (*request.prep_minutes < 0) return Fail("--prep-minutes must not be negative");
    }
    if (auto threads = args->Get("threads")) request.pipeline.threads = static_cast<size_t>(std::stoul(*threads));
    request.comment = args->GetOr("comment", "");
    request.confirm_drop = args->Has("confirm-drop");
    request.dry_run = args->Has("dry-run");
    if (const char* tmp = std::getenv("TMPDIR"); tmp != nullptr && *tmp != '\0') request.spool_directory = tmp;
    const std::string format = args->GetOr("format", "text");
    if (format != "text" && format != "json") return Fail("--format must be text or json");

    request.backdate_reason = args->GetOr("reason", "");
    if (args->Has("reason") && !args->Has("submitted")) return Fail("--reason goes with --submitted");

    const std::string findings_path = args->GetOr("findings", "");
    std::vector<KeptFile> kept = DatabaseFiles(DatabaseUrl(*args, DataDir(*args)));
    kept.push_back({request.path, "the file being submitted"});
    if (auto clash = CheckOutputPaths({{"--findings", findings_path}}, kept); !clash)
        return Fail(clash.error().message);

    auto session = OpenSession(*args);
    if (!session) return UsageError("submit", session.error().message);
    request.actor = session->actor;
    auto catalogue = refdata::LoadCatalogue(session->data_dir);
    if (!catalogue) return UsageError("submit", catalogue.error().message);

    // The findings file is created before anything is read, and written inside the
    // submission's transaction: if it cannot be written, nothing is stored.
    const auto& rules = validate::RuleCatalogue::Standard();
    std::optional<report::FindingsFile> findings;
    bool findings_written = false;
    if (!findings_path.empty()) {
        auto file = report::FindingsFile::Create(findings_path);
        if (!file) return UsageError("submit", file.error().message);
        findings.emplace(std::move(*file));
        request.before_commit = [&](const validate::ValidationReport& report) {
            findings_written = true;
            return findings->Write(report, rules);
        };
    }

    ExplainFilesShortenedWhileRead();
    ProgressBar progress(FileSizeOf(request.path));
    request.pipeline.progress = [&](uint64_t bytes) { progress.Update(bytes); };
    const auto start = std::chrono::steady_clock::now();
    auto outcome = service::Submit(*session->store, **catalogue, request);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.Clear();
    if (!outcome) return UsageError("submit", outcome.error().message);

    // Nothing was stored (a dry run, a rejected or held-back file): the findings still help.
    if (findings && !findings_written && outcome->report) {
        if (auto written = findings->Write(*outcome->report, rules); !written) {
            return UsageError("submit", written.error().message);
        }
    }
    report::OutputStream out(stdout);
    if (format == "json") {
        std::string& b = out.buffer();
        b += "{\"result\":";
        core::AppendJsonString(b, service::SubmitResultName(outcome->result));
        b += ",\"message\":";
        core::AppendJsonString(b, outcome->message);
        if (outcome->submission) b += fmt::format(",\"submission\":{}", outcome->submission->id);
        if (outcome->previous) b += fmt::format(",\"previous\":{}", outcome->previous->id);
        if (outcome->receipt) AppendReceiptJson(*outcome->receipt, b);
        if (request.dry_run) {
            const auto& d = outcome->diff;
            b += fmt::format(
                ",\"would_be\":\"{}\",\"diff\":{{\"added\":{},\"removed\":{},\"changed\":{},\"unchanged\":{}}}",
                service::SubmitResultName(outcome->would_be), d.added, d.removed, d.changed, d.unchanged);
        }
        b += ",\"report\":";
        if (outcome->report) {
            (void)report::WriteValidationJson(*outcome->report, rules, out);
            if (!b.empty() && b.back() == '\n') b.pop_back();
        } else {
            b += "null";
        }
        b += "}\n";
    } else {
        if (outcome->report) {
            report::TextReportHeading heading;
            heading.file_name = request.file_name;
            heading.provider = request.provider;
            heading.period = request.period;
            heading.submitted = request.received_on;
            heading.findings_path = args->GetOr("findings", "");
            heading.seconds = seconds;
            heading.rerun_command = fmt::format("did submit --provider {} --period {} {} --dry-run", request.provider,
                                                request.period.ToString(), request.file_name);
            (void)report::WriteValidationText(*outcome->report, rules, heading, out);
            out.Write("\n");
        }
        if (request.dry_run) out.Write(DiffText(*outcome));
        out.Write(outcome->message + "\n");
        if (outcome->receipt) out.Write(ReceiptText(*outcome->receipt, request.file_name));
    }
    if (auto flushed = out.Flush(); !flushed) return UsageError("submit", flushed.error().message);
    // A dry run exits as the real submission would, so a script can check a file before sending it.
    return ExitCode(outcome->result == service::SubmitResult::kDryRun ? outcome->would_be : outcome->result);
}

}  // namespace did::cli
