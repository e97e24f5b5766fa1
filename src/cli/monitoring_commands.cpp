// Monitoring commands: `did status`, `did submissions`, `did feedback`, `did duplicates`.

#include <algorithm>
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/session.hpp"
#include "cli/table_output.hpp"
#include "refdata/nhs_region.hpp"
#include "service/monitoring.hpp"
#include "service/submission_admin.hpp"
#include "service/timetable.hpp"

namespace did::cli {
namespace {

struct MonitoringOptions {
    std::optional<core::Period> period;
    std::string format;
    std::string provider;
    std::string state;   // did status --status, as the table says it ("not yet due")
    std::string region;  // did status --region, as a choice ("north-west")
    SessionOptions session;
};

// What every monitoring command starts from: its options and the database.
struct Common {
    Session session;
    core::Period period;
    const std::string& format;
    const std::string& provider;
    std::string state;
    const std::string& region;
};

std::string Minutes(const std::optional<int64_t>& m) {
    return m ? std::to_string(*m) : "";
}

std::string IdOrEmpty(const std::optional<int64_t>& id) {
    return id ? std::to_string(*id) : "";
}

int RunStatus(Common* c) {
    auto timetable = service::Timetable::Load(*c->session.store);
    if (!timetable) return UsageError("status", timetable.error().message);
    auto window = timetable->For(c->period);
    if (!window) return UsageError("status", window.error().message);
    const core::Date today = core::Date::Today();
    auto statuses = service::StatusFor(*c->session.store, *window, today);
    if (!statuses) return UsageError("status", statuses.error().message);
    Table table{{"provider", "name", "region", "expected", "status", Count("days"), "first usable file",
                 Id("provisional file"), Id("final file"), Id("current file"), "received", "back-dated",
                 Count("accepted"), Count("rejected"), Count("attempts")},
                {}};
    std::map<std::string, size_t> counts;
    for (const auto& s : *statuses) {
        if (!c->provider.empty() && s.provider != c->provider) continue;
        if (!c->state.empty() && s.state != c->state) continue;
        if (!c->region.empty() && refdata::NhsRegionChoice(s.region) != c->region) continue;
        if (s.expected) ++counts[s.state];
        table.rows.push_back({s.provider, s.name, s.region, s.expected ? "yes" : "no", s.state,
                              s.days ? std::to_string(*s.days) : "", s.first_good_on ? s.first_good_on->ToString() : "",
                              IdOrEmpty(s.last_good.provisional.submission), IdOrEmpty(s.last_good.final.submission),
                              s.current ? std::to_string(s.current->id) : "",
                              s.current ? s.current->received_on.ToString() : "",
                              s.current ? (service::IsBackdated(*s.current) ? "yes" : "no") : "",
                              s.current ? std::to_string(s.current->accepted) : "",
                              s.current ? std::to_string(s.current->rejected) : "", std::to_string(s.attempts)});
    }
    if (c->format == "text") {
        std::printf("Submissions for %s (publication cut-off %s, final deadline %s; today %s)\n\n",
                    c->period.ToString().c_str(), window->cutoff.ToString().c_str(), window->final.ToString().c_str(),
                    today.ToString().c_str());
    }
    PrintTable(table, c->format);
    if (c->format == "text") {
        const size_t missing = counts["not yet due"] + counts["overdue"] + counts["rejected only"];
        std::printf("\n%zu expected provider(s) missing: %zu overdue, %zu with only rejected files, %zu not yet due.\n",
                    missing, counts["overdue"], counts["rejected only"], counts["not yet due"]);
    }
    return kExitOk;
}

int RunSubmissions(Common* c) {
    auto rows = service::ListSubmissions(*c->session.store, c->period, c->provider);
    if (!rows) return UsageError("submissions", rows.error().message);
    Table table{{Id("id"), "provider", "status", "received", "back-dated", "submitted at", "by", Count("records"),
                 Count("accepted"), Count("rejected"), Count("warned"), Count("excluded"), Count("local coded"),
                 Id("superseded by"), "file"},
                {}};
    for (const auto& s : *rows) {
        table.rows.push_back({std::to_string(s.id), s.provider, std::string(store::SubmissionStatusName(s.status)),
                              s.received_on.ToString(), service::IsBackdated(s) ? "yes" : "no", s.submitted_at,
                              s.submitted_by, std::to_string(s.records_total), std::to_string(s.accepted),
                              std::to_string(s.rejected), std::to_string(s.warned), std::to_string(s.excluded),
                              std::to_string(s.local_coded), s.superseded_by ? std::to_string(*s.superseded_by) : "",
                              s.file_name});
    }
    PrintTable(table, c->format);
    return kExitOk;
}

int RunFeedback(Common* c) {
    auto summary = service::FeedbackFor(*c->session.store, c->period);
    if (!summary) return UsageError("feedback", summary.error().message);
    if (c->format == "text") {
        std::printf("Burden of the collection, %s: %lld submission(s) said how long the extract took",
                    c->period.ToString().c_str(), static_cast<long long>(summary->responses));
        if (summary->responses > 0) {
            std::printf(": median %.0f minutes, mean %.0f, longest %lld", summary->median_minutes,
                        summary->mean_minutes, static_cast<long long>(summary->max_minutes));
        }
        std::printf(".\n\n");
    }
    Table table{{"provider", Id("submission"), Count("minutes"), "comment"}, {}};
    for (const auto& e : summary->entries) {
        table.rows.push_back({e.provider, std::to_string(e.submission_id), Minutes(e.prep_minutes), e.comment});
    }
    PrintTable(table, c->format);
    return kExitOk;
}

int RunDuplicates(Common* c) {
    auto duplicates = service::PossibleDuplicatesFor(*c->session.store, c->period);
    if (!duplicates) return UsageError("duplicates", duplicates.error().message);
    Table table{{"provider", Id("submission"), Id("line"), "also sent by", Id("in submission")}, {}};
    for (const auto& d : *duplicates) {
        table.rows.push_back({d.provider, std::to_string(d.submission_id), std::to_string(d.line), d.other_provider,
                              std::to_string(d.other_submission_id)});
    }
    if (c->format == "text") {
        std::printf("Examinations possibly counted twice in %s (DIDC-DUPLICATE-PROVIDER): %zu\n\n",
                    c->period.ToString().c_str(), duplicates->size());
    }
    PrintTable(table, c->format);
    return kExitOk;
}

}  // namespace

void AddMonitoringCommands(CLI::App& did, int& exit_status) {
    auto add = [&](const std::string& name, const std::string& help, int (*run)(Common*)) {
        auto o = std::make_shared<MonitoringOptions>();
        CLI::App* cmd = did.add_subcommand(name, help);
        AddPeriodOption(*cmd, "--period", o->period, "the reporting month")->required();
        AddFormatOption(*cmd, o->format, {"text", "csv", "json"});
        AddSessionOptions(*cmd, o->session);
        cmd->callback([o, name, run, &exit_status] {
            auto session = OpenSession(o->session, Access::kReadOnly);
            if (!session) {
                exit_status = UsageError(name, session.error().message);
                return;
            }
            std::string state = o->state;
            std::replace(state.begin(), state.end(), '-', ' ');  // --status not-yet-due
            Common common{std::move(*session), *o->period, o->format, o->provider, state, o->region};
            exit_status = run(&common);
        });
        return std::make_pair(cmd, o);
    };
    auto [status, so] = add("status", "who has and has not submitted for a month, most urgent first", RunStatus);
    AddOrgCodeOption(*status, "--provider", so->provider, "only this provider");
    AddChoiceOption(*status, "--status", so->state, {"overdue", "rejected-only", "not-yet-due", "late", "on-time"},
                    "only providers in this state");
    std::vector<std::string> regions;
    for (const auto& region : refdata::NhsRegions()) regions.push_back(refdata::NhsRegionChoice(region.name));
    AddChoiceOption(*status, "--region", so->region, regions, "only providers of this NHS England region");
    auto [submissions, o] = add("submissions", "every submission of a month", RunSubmissions);
    AddOrgCodeOption(*submissions, "--provider", o->provider, "only this provider's");
    add("feedback", "the burden of the collection, as submitters report it", RunFeedback);
    add("duplicates", "examinations possibly counted twice by two providers", RunDuplicates);
}

}  // namespace did::cli
