// Monitoring commands: `did status`, `did submissions`, `did feedback`, `did duplicates`.

#include <cstdio>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/session.hpp"
#include "cli/table_output.hpp"
#include "service/monitoring.hpp"
#include "service/timetable.hpp"
#include "store/submission_table.hpp"

namespace did::cli {
namespace {

struct Common {
    Args args;
    Session session;
    core::Period period = *core::Period::Parse("2026-01");
    std::string format;
};

core::Result<Common> Prepare(const std::string& command, const std::vector<std::string>& argv,
                             std::vector<OptionSpec> extra) {
    extra.push_back({"period"});
    extra.push_back({"format"});
    auto args = Args::Parse(argv, WithSessionOptions(std::move(extra)));
    if (!args) return core::Fail(args.error());
    const auto period = core::Period::Parse(args->GetOr("period", ""));
    if (!period) return core::Fail(core::Error::InvalidArgument("--period YYYY-MM is required"));
    const std::string format = args->GetOr("format", "text");
    if (format != "text" && format != "csv")
        return core::Fail(core::Error::InvalidArgument("--format must be text or csv"));
    auto session = OpenSession(*args, Access::kReadOnly);
    if (!session) return core::Fail(session.error());
    (void)command;
    return Common{std::move(*args), std::move(*session), *period, format};
}

std::string Minutes(const std::optional<int64_t>& m) {
    return m ? std::to_string(*m) : "";
}

}  // namespace

int RunStatus(const std::vector<std::string>& argv) {
    auto c = Prepare("status", argv, {});
    if (!c) {
        // The usage line helps with bad arguments only, not with a database that cannot be opened.
        const bool arguments = c.error().code == core::ErrorCode::kInvalidArgument;
        return UsageError("status", c.error().message +
                                        (arguments ? "\nusage: did status --period YYYY-MM [--format text|csv]" : ""));
    }
    auto timetable = service::Timetable::Load(*c->session.store);
    if (!timetable) return UsageError("status", timetable.error().message);
    auto window = timetable->For(c->period);
    if (!window) return UsageError("status", window.error().message);
    auto statuses = service::StatusFor(*c->session.store, *window);
    if (!statuses) return UsageError("status", statuses.error().message);
    Table table{{"provider", "expected", "status", "first usable file", "current file", "received", "accepted",
                 "rejected", "attempts"},
                {}};
    size_t missing = 0;
    for (const auto& s : *statuses) {
        missing += s.expected && s.state == "missing";
        table.rows.push_back({s.provider, s.expected ? "yes" : "no", s.state, s.first_good_on,
                              s.current ? std::to_string(s.current->id) : "", s.current ? s.current->received_on : "",
                              s.current ? std::to_string(s.current->accepted) : "",
                              s.current ? std::to_string(s.current->rejected) : "", std::to_string(s.attempts)});
    }
    if (c->format == "text") {
        std::printf("Submissions for %s (publication cut-off %s, final deadline %s)\n\n", c->period.ToString().c_str(),
                    window->cutoff.ToString().c_str(), window->final.ToString().c_str());
    }
    PrintTable(table, c->format);
    if (c->format == "text") std::printf("\n%zu expected provider(s) missing.\n", missing);
    return kExitOk;
}

int RunSubmissions(const std::vector<std::string>& argv) {
    auto c = Prepare("submissions", argv, {{"provider"}});
    if (!c) return UsageError("submissions", c.error().message);
    store::SubmissionTable submissions(c->session.store->db());
    auto rows = submissions.List(c->period.ToString(), c->args.GetOr("provider", ""));
    if (!rows) return UsageError("submissions", rows.error().message);
    Table table{{"id", "provider", "status", "received", "submitted at", "by", "records", "accepted", "rejected",
                 "warned", "excluded", "local coded", "superseded by", "file"},
                {}};
    for (const auto& s : *rows) {
        table.rows.push_back({std::to_string(s.id), s.provider, s.status, s.received_on, s.submitted_at, s.submitted_by,
                              std::to_string(s.records_total), std::to_string(s.accepted), std::to_string(s.rejected),
                              std::to_string(s.warned), std::to_string(s.excluded), std::to_string(s.local_coded),
                              s.superseded_by ? std::to_string(*s.superseded_by) : "", s.file_name});
    }
    PrintTable(table, c->format);
    return kExitOk;
}

int RunFeedback(const std::vector<std::string>& argv) {
    auto c = Prepare("feedback", argv, {});
    if (!c) return UsageError("feedback", c.error().message);
    auto summary = service::FeedbackFor(*c->session.store, c->period.ToString());
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
    Table table{{"provider", "submission", "minutes", "comment"}, {}};
    for (const auto& e : summary->entries) {
        table.rows.push_back({e.provider, std::to_string(e.submission_id), Minutes(e.prep_minutes), e.comment});
    }
    PrintTable(table, c->format);
    return kExitOk;
}

int RunDuplicates(const std::vector<std::string>& argv) {
    auto c = Prepare("duplicates", argv, {});
    if (!c) return UsageError("duplicates", c.error().message);
    auto duplicates = service::PossibleDuplicatesFor(*c->session.store, c->period.ToString());
    if (!duplicates) return UsageError("duplicates", duplicates.error().message);
    Table table{{"provider", "submission", "line", "also sent by", "in submission"}, {}};
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

}  // namespace did::cli
