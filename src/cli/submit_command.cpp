// `did submit`: store a month's file for a provider (or, with --dry-run, say what would change).

#include <chrono>
#include <cstdio>
#include <sstream>

#include <fmt/format.h>

#include "cli/command.hpp"
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
    "                  [--findings OUT.csv] [--db URL] [--as NAME]";

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
                                                      {"threads"}}));
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

    auto session = OpenSession(*args);
    if (!session) return UsageError("submit", session.error().message);
    request.actor = session->actor;
    auto catalogue = refdata::LoadCatalogue(session->data_dir);
    if (!catalogue) return UsageError("submit", catalogue.error().message);

    const auto start = std::chrono::steady_clock::now();
    auto outcome = service::Submit(*session->store, **catalogue, request);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!outcome) return UsageError("submit", outcome.error().message);

    const auto& rules = validate::RuleCatalogue::Standard();
    if (auto path = args->Get("findings"); path && outcome->report) {
        auto file = report::FindingsFile::Create(*path);
        if (!file) return UsageError("submit", file.error().message);
        if (auto written = file->Write(*outcome->report, rules); !written) {
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
    }
    (void)out.Flush();
    // A dry run exits as the real submission would, so a script can check a file before sending it.
    return ExitCode(outcome->result == service::SubmitResult::kDryRun ? outcome->would_be : outcome->result);
}

}  // namespace did::cli
