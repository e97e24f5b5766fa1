// Administration commands, each change audited: `did timetable`, `did exception`,
// `did agreement`, `did expect`, `did local-codes`, `did exclusions`, `did data-issues`.

#include <cstdio>
#include <functional>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/session.hpp"
#include "cli/table_output.hpp"
#include "core/terminal_text.hpp"
#include "refdata/catalogue_files.hpp"
#include "service/catalogue.hpp"
#include "service/data_issue_notes.hpp"
#include "service/engagement_admin.hpp"
#include "service/monitoring.hpp"
#include "service/timetable.hpp"

namespace did::cli {
namespace {

// Every administration command's settings: each command uses its own few.
struct AdminOptions {
    std::string action = "list";
    SessionOptions session;
    std::string format;
    std::string provider;
    std::string organisation;
    std::string code;
    std::string nicip;
    std::string site;
    std::string reason;
    std::string note;
    std::string status;
    std::optional<core::Period> period;
    std::optional<core::Period> from;
    std::optional<core::Period> to;
    std::optional<core::Date> until_date;
    std::optional<core::Date> opens;
    std::optional<core::Date> cutoff;
    std::optional<core::Date> provisional;
    std::optional<core::Date> final;
    std::optional<int64_t> cutoff_day;
    std::optional<int64_t> provisional_months;
    std::optional<int64_t> final_months;
};

// Listing, and showing the timetable rule without changing it, only read: they need an
// existing database and never create one.
bool ReadsOnly(const AdminOptions& o) {
    const bool rule_shown = o.action == "rule" && !o.cutoff_day && !o.provisional_months && !o.final_months;
    return o.action == "list" || o.action == "usage" || rule_shown;
}

// A command of actions (`did timetable rule …`): each action is a subcommand with its own
// options, and no action means `list`. The database options go on the command and on every
// action, bound to the same settings, so they may stand before or after the action.
struct ActionCommand {
    CLI::App* command;
    std::shared_ptr<AdminOptions> options;

    CLI::App* Action(const std::string& name, const std::string& help) const {
        CLI::App* action = command->add_subcommand(name, help);
        AddSessionOptions(*action, options->session);
        return action;
    }
};

ActionCommand AddActionCommand(CLI::App& did, const std::string& name, const std::string& help, int& exit_status,
                               int (*run)(const AdminOptions&, Session&)) {
    auto o = std::make_shared<AdminOptions>();
    CLI::App* command = did.add_subcommand(name, help);
    command->require_subcommand(0, 1);
    AddSessionOptions(*command, o->session);
    command->callback([o, command, name, run, &exit_status] {
        const auto chosen = command->get_subcommands();
        if (!chosen.empty()) o->action = chosen.front()->get_name();
        auto session = OpenSession(o->session, ReadsOnly(*o) ? Access::kReadOnly : Access::kReadWrite);
        if (!session) {
            exit_status = UsageError(name, session.error().message);
            return;
        }
        exit_status = run(*o, *session);
    });
    return {command, o};
}

// `list` as an action, with --format; the command takes the same options for when no action is named.
CLI::App* AddListAction(const ActionCommand& c, const std::string& help,
                        const std::vector<std::string>& formats = {"text", "csv", "json"}) {
    AddFormatOption(*c.command, c.options->format, formats);
    CLI::App* list = c.Action("list", help);
    AddFormatOption(*list, c.options->format, formats);
    return list;
}

int Done(const std::string& command, const core::Status& status, const std::string& said) {
    if (!status) return UsageError(command, status.error().message);
    std::printf("%s\n", said.c_str());
    return kExitOk;
}

// For an add that may replace an entry: says what it replaced.
int Done(const std::string& command, const core::Result<std::string>& replaced, const std::string& said) {
    if (!replaced) return UsageError(command, replaced.error().message);
    std::printf("%s\n", said.c_str());
    if (!replaced->empty()) std::printf("It replaces the entry %s.\n", core::ForTerminal(*replaced).c_str());
    return kExitOk;
}

// An error that ends the command: thrown by Take(), turned into a usage error by Guarded().
struct CommandFailure {
    std::string message;
};

template <class T>
T Take(core::Result<T> result) {
    if (!result) throw CommandFailure{result.error().message};
    return std::move(*result);
}

int Guarded(const std::string& command, const std::function<int()>& body) {
    try {
        return body();
    } catch (const CommandFailure& failure) {
        return UsageError(command, failure.message);
    }
}

// Where a month's dates come from: the rule, an override, or the rule as it was when they froze.
std::string SetBy(const service::Window& w) {
    if (w.overridden) return "override";
    return w.frozen ? "frozen" : "rule";
}

int RunTimetable(const AdminOptions& o, Session& session) {
    return Guarded("timetable", [&]() -> int {
        store::Store& store = *session.store;
        auto timetable = Take(service::Timetable::Load(store));
        if (o.action == "rule") {
            service::TimetableRule rule = timetable.rule();
            if (o.cutoff_day) rule.cutoff_day = static_cast<int>(*o.cutoff_day);
            if (o.provisional_months) rule.provisional_months = static_cast<int>(*o.provisional_months);
            if (o.final_months) rule.final_months = static_cast<int>(*o.final_months);
            if (!o.cutoff_day && !o.provisional_months && !o.final_months) {
                std::printf("The timetable rule: %s.\n", rule.Describe().c_str());
                return kExitOk;
            }
            return Done("timetable", service::SetTimetableRule(store, session.actor, rule, core::Date::Today()),
                        "The timetable rule is now: " + rule.Describe() + ".");
        }
        if (o.action == "override") {
            service::Window w{*o.period, *o.opens, *o.cutoff, *o.provisional, *o.final, true, false};
            return Done("timetable", service::OverrideWindow(store, session.actor, w, core::Date::Today()),
                        "The timetable for " + w.period.ToString() + " is overridden.");
        }
        const core::Period today = core::Period::Of(core::Date::Today());
        const core::Period from = o.from.value_or(today.Previous().Previous().Previous());
        const core::Period to = o.to.value_or(today.Next().Next().Next());
        if (to < from) return UsageError("timetable", "--to is before --from");
        Table table{
            {"period", "window opens", "publication cut-off", "provisional deadline", "final deadline", "set by"}, {}};
        for (core::Period month = from; month <= to; month = month.Next()) {
            auto w = Take(timetable.For(month));
            table.rows.push_back({month.ToString(), w.opens.ToString(), w.cutoff.ToString(), w.provisional.ToString(),
                                  w.final.ToString(), SetBy(w)});
        }
        if (o.format == "text")
            std::printf("The DID collection timetable. Rule: %s.\n\n", timetable.rule().Describe().c_str());
        PrintTable(table, o.format);
        return kExitOk;
    });
}

int RunException(const AdminOptions& o, Session& session) {
    return Guarded("exception", [&]() -> int {
        if (o.action == "grant") {
            return Done(
                "exception",
                service::GrantException(*session.store, session.actor, o.provider, *o.period, *o.until_date, o.reason),
                fmt::format("{} may submit {} until {}.", o.provider, o.period->ToString(), o.until_date->ToString()));
        }
        if (o.action == "revoke") {
            return Done("exception", service::RevokeException(*session.store, session.actor, o.provider, *o.period),
                        fmt::format("{} may no longer submit {} late.", o.provider, o.period->ToString()));
        }
        auto rows = Take(service::ListExceptions(*session.store));
        Table out{{"provider", "period", "until", "reason", "granted by", "granted at"}, {}};
        for (const auto& e : rows)
            out.rows.push_back(
                {e.provider, e.period.ToString(), e.until.ToString(), e.reason, e.granted_by, e.granted_at});
        PrintTable(out, o.format);
        return kExitOk;
    });
}

int RunAgreement(const AdminOptions& o, Session& session) {
    return Guarded("agreement", [&]() -> int {
        if (o.action == "add") {
            return Done(
                "agreement",
                service::AddAgreement(*session.store, session.actor, o.provider, o.organisation, *o.from, o.to),
                fmt::format("{} submits for the sites of {} from {}.", o.provider, o.organisation, o.from->ToString()));
        }
        if (o.action == "remove") {
            return Done("agreement",
                        service::RemoveAgreement(*session.store, session.actor, o.provider, o.organisation),
                        fmt::format("{} no longer submits for the sites of {}.", o.provider, o.organisation));
        }
        auto rows = Take(service::ListAgreements(*session.store));
        Table out{{"provider", "submits for", "from", "until"}, {}};
        for (const auto& a : rows) {
            out.rows.push_back({a.provider, a.organisation, a.from_period.ToString(),
                                a.until_period ? a.until_period->ToString() : ""});
        }
        PrintTable(out, o.format);
        return kExitOk;
    });
}

int RunExpect(const AdminOptions& o, Session& session) {
    return Guarded("expect", [&]() -> int {
        if (o.action == "add") {
            return Done("expect", service::ExpectProvider(*session.store, session.actor, o.provider, *o.from, o.to),
                        fmt::format("{} is expected to submit from {}.", o.provider, o.from->ToString()));
        }
        if (o.action == "remove") {
            return Done("expect", service::StopExpecting(*session.store, session.actor, o.provider),
                        fmt::format("{} is no longer expected to submit.", o.provider));
        }
        auto rows = Take(service::ListExpected(*session.store));
        Table out{{"provider", "from", "until"}, {}};
        for (const auto& e : rows) {
            out.rows.push_back(
                {e.provider, e.from_period.ToString(), e.until_period ? e.until_period->ToString() : ""});
        }
        PrintTable(out, o.format);
        return kExitOk;
    });
}

int RunLocalCodes(const AdminOptions& o, Session& session) {
    return Guarded("local-codes", [&]() -> int {
        store::Store& store = *session.store;
        if (o.action == "notify") {
            auto catalogue = Take(service::LoadCatalogue(store, refdata::CatalogueFilePath(session.data_dir)));
            return Done(
                "local-codes",
                service::NotifyLocalCode(store, session.actor, *catalogue.catalogue, o.provider, o.code, o.nicip),
                fmt::format("{} notified local code {} for {}; it is accepted once approved.", o.provider, o.code,
                            o.nicip));
        }
        if (o.action == "approve" || o.action == "refuse") {
            const store::LocalCodeStatus decision =
                o.action == "approve" ? store::LocalCodeStatus::kApproved : store::LocalCodeStatus::kRefused;
            return Done(
                "local-codes", service::DecideLocalCode(store, session.actor, o.provider, o.code, decision, o.reason),
                fmt::format("Local code {} of {} {}.", o.code, o.provider, store::LocalCodeStatusName(decision)));
        }
        if (o.action == "usage") {
            auto usage = Take(service::LocalCodeUsageFor(store, *o.period));
            Table out{{"provider", Count("accepted"), Count("through local codes"), Count("share %")}, {}};
            for (const auto& u : usage) {
                const double share =
                    u.accepted == 0 ? 0 : 100.0 * static_cast<double>(u.local_coded) / static_cast<double>(u.accepted);
                out.rows.push_back({u.provider, std::to_string(u.accepted), std::to_string(u.local_coded),
                                    fmt::format("{:.1f}", share)});
            }
            PrintTable(out, o.format);
            return kExitOk;
        }
        if (o.action == "withdraw") {
            return Done("local-codes", service::WithdrawLocalCode(store, session.actor, o.provider, o.code),
                        fmt::format("Local code {} of {} is withdrawn.", o.code, o.provider));
        }
        // --status is one of the three words (a choice option) or not given.
        auto rows = Take(service::ListLocalCodes(store, o.provider, store::ParseLocalCodeStatus(o.status)));
        Table out{{"provider", "local code", "nicip", "status", "notified by", "notified at", "decided by", "reason"},
                  {}};
        for (const auto& r : rows) {
            out.rows.push_back({r.provider, r.local_code, r.nicip_code,
                                std::string(store::LocalCodeStatusName(r.status)), r.notified_by, r.notified_at,
                                r.decided_by, r.reason});
        }
        PrintTable(out, o.format);
        return kExitOk;
    });
}

int RunExclusions(const AdminOptions& o, Session& session) {
    return Guarded("exclusions", [&]() -> int {
        const std::string kind = o.site.empty() ? "code" : "site";
        const std::string& value = o.site.empty() ? o.code : o.site;
        if ((o.action == "add" || o.action == "remove") && value.empty()) {
            return UsageError("exclusions " + o.action, "give --site CODE or --code NICIP");
        }
        if (o.action == "add") {
            return Done("exclusions", service::AddExclusion(*session.store, session.actor, kind, value, o.reason),
                        fmt::format("Activity at {} {} is excluded from now on.", kind, value));
        }
        if (o.action == "remove") {
            return Done("exclusions", service::RemoveExclusion(*session.store, session.actor, kind, value),
                        fmt::format("{} {} is no longer excluded.", kind, value));
        }
        auto rows = Take(service::ListExclusions(*session.store));
        Table out{{"kind", "value", "reason"}, {}};
        for (const auto& e : rows) out.rows.push_back({e.kind, e.value, e.reason});
        PrintTable(out, o.format);
        return kExitOk;
    });
}

int RunDataIssues(const AdminOptions& o, Session& session) {
    return Guarded("data-issues", [&]() -> int {
        if (o.action == "add") {
            return Done("data-issues",
                        service::AddDataIssueNote(*session.store, session.actor, o.provider, *o.from, o.to, o.note),
                        fmt::format("Noted for {} from {}: every statistics table over those months prints it.",
                                    o.provider, o.from->ToString()));
        }
        if (o.action == "remove") {
            return Done("data-issues", service::RemoveDataIssueNote(*session.store, session.actor, o.provider, *o.from),
                        fmt::format("The note for {} from {} is removed.", o.provider, o.from->ToString()));
        }
        auto rows = Take(service::ListDataIssueNotes(*session.store));
        Table out{{"provider", "from", "to", "note", "written_by", "written_at"}, {}};
        for (const auto& n : rows) {
            out.rows.push_back({n.provider, n.first_period, n.last_period, n.note, n.written_by, n.written_at});
        }
        PrintTable(out, o.format);
        return kExitOk;
    });
}

void AddTimetable(CLI::App& did, int& exit_status) {
    const auto c =
        AddActionCommand(did, "timetable", "the submission windows and deadlines", exit_status, RunTimetable);
    AdminOptions& o = *c.options;
    for (CLI::App* app : {c.command, AddListAction(c, "the windows of a run of months")}) {
        AddPeriodOption(*app, "--from", o.from, "the first month (default three months ago)");
        AddPeriodOption(*app, "--to", o.to, "the last month (default three months ahead)");
    }
    CLI::App* rule = c.Action("rule", "show the rule every month's window follows, or change it (audited)");
    AddWholeNumberOption(*rule, "--cutoff-day", o.cutoff_day, 1, 28, "the publication cut-off: this day of M+1");
    AddWholeNumberOption(*rule, "--provisional-months", o.provisional_months, 1, 12,
                         "the provisional deadline: the end of M+N");
    AddWholeNumberOption(*rule, "--final-months", o.final_months, 1, 24, "the final deadline: the end of M+N");
    CLI::App* override_window = c.Action("override", "set one month's window by hand (audited)");
    AddPeriodOption(*override_window, "--period", o.period, "the month")->required();
    AddDateOption(*override_window, "--opens", o.opens, "the window opens")->required();
    AddDateOption(*override_window, "--cutoff", o.cutoff, "the publication cut-off")->required();
    AddDateOption(*override_window, "--provisional", o.provisional, "the provisional deadline")->required();
    AddDateOption(*override_window, "--final", o.final, "the final deadline: the window closes")->required();
}

void AddException(CLI::App& did, int& exit_status) {
    const auto c = AddActionCommand(did, "exception", "late submissions allowed for a provider and month", exit_status,
                                    RunException);
    AdminOptions& o = *c.options;
    AddListAction(c, "every exception granted");
    CLI::App* grant = c.Action(
        "grant", "let a provider submit a month after its window: reopens it after the final deadline (audited)");
    AddOrgCodeOption(*grant, "--provider", o.provider, "the provider")->required();
    AddPeriodOption(*grant, "--period", o.period, "the month")->required();
    AddDateOption(*grant, "--until", o.until_date, "the last day it may submit")->required();
    grant->add_option("--reason", o.reason, "why")->required();
    CLI::App* revoke = c.Action("revoke", "take an exception back (audited)");
    AddOrgCodeOption(*revoke, "--provider", o.provider, "the provider")->required();
    AddPeriodOption(*revoke, "--period", o.period, "the month")->required();
}

void AddAgreement(CLI::App& did, int& exit_status) {
    const auto c =
        AddActionCommand(did, "agreement", "who submits for whom (subcontracted imaging)", exit_status, RunAgreement);
    AdminOptions& o = *c.options;
    AddListAction(c, "every agreement");
    CLI::App* add = c.Action("add", "let a provider submit for another organisation's sites (audited)");
    AddOrgCodeOption(*add, "--provider", o.provider, "the provider that submits")->required();
    AddOrgCodeOption(*add, "--for", o.organisation, "the organisation whose sites it submits for")->required();
    AddPeriodOption(*add, "--from", o.from, "the first month")->required();
    AddPeriodOption(*add, "--until", o.to, "the last month (default: open-ended)");
    CLI::App* remove = c.Action("remove", "end every agreement of a provider for an organisation (audited)");
    AddOrgCodeOption(*remove, "--provider", o.provider, "the provider that submits")->required();
    AddOrgCodeOption(*remove, "--for", o.organisation, "the organisation whose sites it submits for")->required();
}

void AddExpect(CLI::App& did, int& exit_status) {
    const auto c = AddActionCommand(did, "expect", "which providers must submit", exit_status, RunExpect);
    AdminOptions& o = *c.options;
    AddListAction(c, "every provider expected");
    CLI::App* add = c.Action("add", "expect a provider to submit every month from a month on (audited)");
    AddOrgCodeOption(*add, "--provider", o.provider, "the provider")->required();
    AddPeriodOption(*add, "--from", o.from, "the first month")->required();
    AddPeriodOption(*add, "--until", o.to, "the last month (default: open-ended)");
    CLI::App* remove = c.Action("remove", "no longer expect a provider to submit (audited)");
    AddOrgCodeOption(*remove, "--provider", o.provider, "the provider")->required();
}

void AddLocalCodes(CLI::App& did, int& exit_status) {
    const auto c = AddActionCommand(did, "local-codes", "local examination codes, notified and mapped to NICIP",
                                    exit_status, RunLocalCodes);
    AdminOptions& o = *c.options;
    for (CLI::App* app : {c.command, AddListAction(c, "the codes notified")}) {
        AddOrgCodeOption(*app, "--provider", o.provider, "only this provider's");
        AddChoiceOption(*app, "--status", o.status, {"notified", "approved", "refused"}, "only codes in this state");
    }
    CLI::App* notify = c.Action("notify", "notify a local code and the NICIP code it stands for (audited)");
    AddOrgCodeOption(*notify, "--provider", o.provider, "the provider")->required();
    notify->add_option("--code", o.code, "the local code")->required();
    notify->add_option("--nicip", o.nicip, "the NICIP code it stands for")->required();
    for (const char* decision : {"approve", "refuse"}) {
        CLI::App* decide = c.Action(decision, std::string(decision) + " a notified code (audited)");
        AddOrgCodeOption(*decide, "--provider", o.provider, "the provider")->required();
        decide->add_option("--code", o.code, "the local code")->required();
        auto* reason = decide->add_option("--reason", o.reason, "why");
        if (std::string(decision) == "refuse") reason->required();
    }
    CLI::App* withdraw = c.Action("withdraw", "take a notified code back (audited)");
    AddOrgCodeOption(*withdraw, "--provider", o.provider, "the provider")->required();
    withdraw->add_option("--code", o.code, "the local code")->required();
    CLI::App* usage = c.Action("usage", "how much of a month's activity came through local codes");
    AddPeriodOption(*usage, "--period", o.period, "the month")->required();
    AddFormatOption(*usage, o.format, {"text", "csv", "json"});
}

void AddExclusions(CLI::App& did, int& exit_status) {
    const auto c =
        AddActionCommand(did, "exclusions", "activity kept out of the counts (breast screening sites, codes)",
                         exit_status, RunExclusions);
    AdminOptions& o = *c.options;
    AddListAction(c, "every exclusion");
    for (const char* action : {"add", "remove"}) {
        CLI::App* app = c.Action(action, std::string(action) + " an excluded site or code (audited)");
        auto* site = AddOrgCodeOption(*app, "--site", o.site, "a site code");
        auto* code = app->add_option("--code", o.code, "a NICIP code")->type_name("NICIP");
        site->excludes(code);
        auto* reason = app->add_option("--reason", o.reason, "why");
        if (std::string(action) == "add") reason->required();
    }
}

void AddDataIssues(CLI::App& did, int& exit_status) {
    const auto c = AddActionCommand(did, "data-issues",
                                    "the central team's notes on providers' data issues, printed with the statistics",
                                    exit_status, RunDataIssues);
    AdminOptions& o = *c.options;
    AddListAction(c, "every note");
    CLI::App* add = c.Action("add", "note a provider's data issue over some months, or replace its note (audited)");
    AddOrgCodeOption(*add, "--provider", o.provider, "the provider")->required();
    AddPeriodOption(*add, "--from", o.from, "the first month it affects")->required();
    AddPeriodOption(*add, "--to", o.to, "the last month it affects (default: --from)");
    add->add_option("--note", o.note, "what the issue is, as the tables should print it")->required();
    CLI::App* remove = c.Action("remove", "remove a note (audited)");
    AddOrgCodeOption(*remove, "--provider", o.provider, "the provider")->required();
    AddPeriodOption(*remove, "--from", o.from, "the first month of its note")->required();
}

}  // namespace

void AddAdminCommands(CLI::App& did, int& exit_status) {
    AddTimetable(did, exit_status);
    AddException(did, exit_status);
    AddAgreement(did, exit_status);
    AddExpect(did, exit_status);
    AddLocalCodes(did, exit_status);
    AddExclusions(did, exit_status);
    AddDataIssues(did, exit_status);
}

}  // namespace did::cli
