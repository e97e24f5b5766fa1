// `did submission restore|show ID` and `did findings ID`: a stored submission after the fact.
// The findings are read back as the submitter first saw them (the findings CSV), or as JSON.

#include <cstdio>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/session.hpp"
#include "cli/table_output.hpp"
#include "core/terminal_text.hpp"
#include "core/text_escape.hpp"
#include "service/stored_findings_csv.hpp"
#include "service/submission_admin.hpp"

namespace did::cli {
namespace {

struct SubmissionOptions {
    int64_t id = 0;
    std::string format;
    SessionOptions session;
};

Table SubmissionTableOf(const store::SubmissionRow& s) {
    return Table{
        {Id("id"), "provider", "period", "status", "received", "submitted at", "by", Count("records"),
         Count("accepted"), Count("rejected"), Count("warned"), Id("superseded by"), "sha256", "file"},
        {{std::to_string(s.id), s.provider, s.period.ToString(), std::string(store::SubmissionStatusName(s.status)),
          s.received_on.ToString(), s.submitted_at, s.submitted_by, std::to_string(s.records_total),
          std::to_string(s.accepted), std::to_string(s.rejected), std::to_string(s.warned),
          s.superseded_by ? std::to_string(*s.superseded_by) : "", s.file_sha256, s.file_name}}};
}

int Show(const SubmissionOptions& o, Session& session) {
    auto row = service::GetSubmission(*session.store, o.id);
    if (!row) return UsageError("submission show", row.error().message);
    PrintTable(SubmissionTableOf(*row), o.format);
    return kExitOk;
}

int Restore(const SubmissionOptions& o, Session& session) {
    auto restored = service::RestoreSubmission(*session.store, session.actor, o.id);
    if (!restored) return UsageError("submission restore", restored.error().message);
    const auto& r = restored->restored;
    std::printf("Submission %lld is again the current file of %s for %s", static_cast<long long>(r.id),
                r.provider.c_str(), r.period.ToString().c_str());
    if (restored->replaced) std::printf(", replacing submission %lld", static_cast<long long>(restored->replaced->id));
    std::printf(".\n");
    return kExitOk;
}

// The findings CSV as `did validate --findings` writes it, with the same guarded cells.
int Findings(const SubmissionOptions& o, Session& session) {
    std::string out = o.format == "json" ? "[" : std::string(service::kFindingsCsvHeader);
    bool first = true;
    auto status = service::ReadFindings(*session.store, session.actor, o.id, [&](const store::FindingRow& f) {
        if (o.format == "json") {
            out += first ? "\n  {\"line\": " : ",\n  {\"line\": ";
            out += std::to_string(f.line);
            for (const auto& [key, value] :
                 {std::pair{"site_code", &f.site_code}, std::pair{"accession_number", &f.accession_number},
                  std::pair{"field", &f.field}, std::pair{"rule", &f.rule}, std::pair{"severity", &f.severity},
                  std::pair{"value", &f.value}, std::pair{"message", &f.message}}) {
                out += fmt::format(", \"{}\": ", key);
                core::AppendJsonString(out, *value);
            }
            out += "}";
        } else {
            service::AppendFindingCsv(out, f);
        }
        first = false;
        if (out.size() > (1u << 20)) {
            std::fwrite(out.data(), 1, out.size(), stdout);
            out.clear();
        }
        return true;
    });
    if (!status) return UsageError("findings", status.error().message);
    if (o.format == "json") out += first ? "]\n" : "\n]\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return kExitOk;
}

// Runs `run` with the database open.
void OnSession(CLI::App* app, const std::shared_ptr<SubmissionOptions>& o, const std::string& name, int& exit_status,
               int (*run)(const SubmissionOptions&, Session&)) {
    app->callback([o, name, run, &exit_status] {
        // Each needs a database that exists: none of them may create an empty one.
        auto session = OpenSession(o->session, Access::kReadOnly);
        if (!session) {
            exit_status = UsageError(name, session.error().message);
            return;
        }
        exit_status = run(*o, *session);
    });
}

}  // namespace

void AddSubmissionCommands(CLI::App& did, int& exit_status) {
    auto o = std::make_shared<SubmissionOptions>();
    CLI::App* submission = did.add_subcommand("submission", "one stored submission: show it, or make it current again");
    submission->require_subcommand(1);
    CLI::App* show = submission->add_subcommand("show", "a stored submission's details");
    show->add_option("id", o->id, "the submission's number")->required()->check(CLI::PositiveNumber);
    AddFormatOption(*show, o->format, {"text", "csv", "json"});
    AddSessionOptions(*show, o->session);
    OnSession(show, o, "submission show", exit_status, Show);
    CLI::App* restore =
        submission->add_subcommand("restore", "make an earlier file the current one of its month again (audited)");
    restore->add_option("id", o->id, "the submission's number")->required()->check(CLI::PositiveNumber);
    AddSessionOptions(*restore, o->session);
    OnSession(restore, o, "submission restore", exit_status, Restore);

    auto f = std::make_shared<SubmissionOptions>();
    CLI::App* findings =
        did.add_subcommand("findings", "every finding of a stored submission, as the findings CSV (audited)");
    findings->add_option("id", f->id, "the submission's number")->required()->check(CLI::PositiveNumber);
    AddFormatOption(*findings, f->format, {"csv", "json"});
    AddSessionOptions(*findings, f->session);
    OnSession(findings, f, "findings", exit_status, Findings);
}

}  // namespace did::cli
