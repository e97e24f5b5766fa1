// Administration commands, each change audited: `did timetable`, `did exception`,
// `did agreement`, `did expect`, `did local-codes`, `did exclusions`.

#include <cstdio>
#include <functional>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/session.hpp"
#include "cli/table_output.hpp"
#include "refdata/catalogue_files.hpp"
#include "service/engagement_admin.hpp"
#include "service/monitoring.hpp"
#include "service/timetable.hpp"
#include "store/engagement_table.hpp"
#include "store/local_code_table.hpp"
#include "store/timetable_table.hpp"

namespace did::cli {
namespace {

// Parses a subcommand's options; the first positional is the action.
struct Parsed {
    Args args;
    Session session;
    std::string action;
};

core::Result<Parsed> Parse(const std::vector<std::string>& argv, std::vector<OptionSpec> options) {
    options.push_back({"format"});
    auto args = Args::Parse(argv, WithSessionOptions(std::move(options)));
    if (!args) return core::Fail(args.error());
    const std::string action = args->positional().empty() ? "list" : args->positional()[0];
    auto session = OpenSession(*args, action == "list" || action == "usage" ? Access::kReadOnly : Access::kReadWrite);
    if (!session) return core::Fail(session.error());
    return Parsed{std::move(*args), std::move(*session), action};
}

core::Result<core::Period> RequirePeriod(const Args& args, const std::string& name) {
    const auto period = core::Period::Parse(args.GetOr(name, ""));
    if (!period) return core::Fail(core::Error::InvalidArgument("--" + name + " YYYY-MM is required"));
    return *period;
}

core::Result<std::optional<core::Period>> OptionalPeriod(const Args& args, const std::string& name) {
    if (!args.Has(name)) return std::optional<core::Period>();
    const auto period = core::Period::Parse(args.GetOr(name, ""));
    if (!period) return core::Fail(core::Error::InvalidArgument("--" + name + " must be YYYY-MM"));
    return std::optional<core::Period>(*period);
}

core::Result<core::Date> RequireDate(const Args& args, const std::string& name) {
    const std::string text = args.GetOr(name, "");
    const auto date = core::Date::Parse(text);
    if (!date || text.size() != 10)
        return core::Fail(core::Error::InvalidArgument("--" + name + " YYYY-MM-DD is required"));
    return *date;
}

core::Result<std::string> Require(const Args& args, const std::string& name) {
    std::string value = args.GetOr(name, "");
    if (value.empty()) return core::Fail(core::Error::InvalidArgument("--" + name + " is required"));
    return value;
}

int Done(const std::string& command, const core::Status& status, const std::string& said) {
    if (!status) return UsageError(command, status.error().message);
    std::printf("%s\n", said.c_str());
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

}  // namespace

int RunTimetable(const std::vector<std::string>& argv) {
    return Guarded("timetable", [&]() -> int {
        const char* kUsage =
            "usage: did timetable [list] [--from YYYY-MM] [--to YYYY-MM] [--format text|csv]\n"
            "       did timetable rule [--cutoff-day N] [--provisional-months N] [--final-months N]\n"
            "       did timetable override --period YYYY-MM --opens D --cutoff D --provisional D --final D";
        auto p = Parse(argv, {{"from"},
                              {"to"},
                              {"cutoff-day"},
                              {"provisional-months"},
                              {"final-months"},
                              {"period"},
                              {"opens"},
                              {"cutoff"},
                              {"provisional"},
                              {"final"}});
        if (!p) return UsageError("timetable", p.error().message + "\n" + kUsage);
        store::Store& store = *p->session.store;
        auto timetable = Take(service::Timetable::Load(store));
        if (p->action == "rule") {
            service::TimetableRule rule = timetable.rule();
            try {
                if (auto v = p->args.Get("cutoff-day")) rule.cutoff_day = std::stoi(*v);
                if (auto v = p->args.Get("provisional-months")) rule.provisional_months = std::stoi(*v);
                if (auto v = p->args.Get("final-months")) rule.final_months = std::stoi(*v);
            } catch (...) {
                return UsageError("timetable", "the rule's values are whole numbers");
            }
            if (!p->args.Has("cutoff-day") && !p->args.Has("provisional-months") && !p->args.Has("final-months")) {
                std::printf("The timetable rule: %s.\n", rule.Describe().c_str());
                return kExitOk;
            }
            return Done("timetable", service::SetTimetableRule(store, p->session.actor, rule),
                        "The timetable rule is now: " + rule.Describe() + ".");
        }
        if (p->action == "override") {
            service::Window w{Take(RequirePeriod(p->args, "period")), Take(RequireDate(p->args, "opens")),
                              Take(RequireDate(p->args, "cutoff")),   Take(RequireDate(p->args, "provisional")),
                              Take(RequireDate(p->args, "final")),    true};
            return Done("timetable", service::OverrideWindow(store, p->session.actor, w),
                        "The timetable for " + w.period.ToString() + " is overridden.");
        }
        if (p->action != "list") return UsageError("timetable", kUsage);
        const core::Period today = core::Period::Of(core::Date::Today());
        core::Period from = today.Previous().Previous().Previous();
        core::Period to = today.Next().Next().Next();
        if (auto f = p->args.Get("from")) from = Take(RequirePeriod(p->args, "from"));
        if (auto t = p->args.Get("to")) to = Take(RequirePeriod(p->args, "to"));
        if (to < from) return UsageError("timetable", "--to is before --from");
        Table table{
            {"period", "window opens", "publication cut-off", "provisional deadline", "final deadline", "set by"}, {}};
        for (core::Period month = from; month <= to; month = month.Next()) {
            auto w = Take(timetable.For(month));
            table.rows.push_back({month.ToString(), w.opens.ToString(), w.cutoff.ToString(), w.provisional.ToString(),
                                  w.final.ToString(), w.overridden ? "override" : "rule"});
        }
        const std::string format = p->args.GetOr("format", "text");
        if (format == "text")
            std::printf("The DID collection timetable. Rule: %s.\n\n", timetable.rule().Describe().c_str());
        PrintTable(table, format);
        return kExitOk;
    });
}

int RunException(const std::vector<std::string>& argv) {
    return Guarded("exception", [&]() -> int {
        const char* kUsage =
            "usage: did exception grant --provider CODE --period YYYY-MM --until YYYY-MM-DD --reason TEXT\n"
            "       did exception list";
        auto p = Parse(argv, {{"provider"}, {"period"}, {"until"}, {"reason"}});
        if (!p) return UsageError("exception", p.error().message + "\n" + kUsage);
        if (p->action == "grant") {
            const std::string provider = Take(Require(p->args, "provider"));
            const core::Period period = Take(RequirePeriod(p->args, "period"));
            const core::Date until = Take(RequireDate(p->args, "until"));
            return Done("exception",
                        service::GrantException(*p->session.store, p->session.actor, provider, period, until,
                                                p->args.GetOr("reason", "")),
                        fmt::format("{} may submit {} until {}.", provider, period.ToString(), until.ToString()));
        }
        if (p->action != "list") return UsageError("exception", kUsage);
        store::TimetableTable table(p->session.store->db());
        auto rows = Take(table.Exceptions());
        Table out{{"provider", "period", "until", "reason", "granted by", "granted at"}, {}};
        for (const auto& e : rows)
            out.rows.push_back({e.provider, e.period, e.until, e.reason, e.granted_by, e.granted_at});
        PrintTable(out, p->args.GetOr("format", "text"));
        return kExitOk;
    });
}

int RunAgreement(const std::vector<std::string>& argv) {
    return Guarded("agreement", [&]() -> int {
        const char* kUsage =
            "usage: did agreement add --provider CODE --for CODE --from YYYY-MM [--until YYYY-MM]\n"
            "       did agreement list";
        auto p = Parse(argv, {{"provider"}, {"for"}, {"from"}, {"until"}});
        if (!p) return UsageError("agreement", p.error().message + "\n" + kUsage);
        if (p->action == "add") {
            const std::string provider = Take(Require(p->args, "provider"));
            const std::string organisation = Take(Require(p->args, "for"));
            const core::Period from = Take(RequirePeriod(p->args, "from"));
            const auto until = Take(OptionalPeriod(p->args, "until"));
            return Done(
                "agreement",
                service::AddAgreement(*p->session.store, p->session.actor, provider, organisation, from, until),
                fmt::format("{} submits for the sites of {} from {}.", provider, organisation, from.ToString()));
        }
        if (p->action != "list") return UsageError("agreement", kUsage);
        store::EngagementTable table(p->session.store->db());
        auto rows = Take(table.Agreements());
        Table out{{"provider", "submits for", "from", "until"}, {}};
        for (const auto& a : rows) out.rows.push_back({a.provider, a.organisation, a.from_period, a.until_period});
        PrintTable(out, p->args.GetOr("format", "text"));
        return kExitOk;
    });
}

int RunExpect(const std::vector<std::string>& argv) {
    return Guarded("expect", [&]() -> int {
        const char* kUsage =
            "usage: did expect add --provider CODE --from YYYY-MM [--until YYYY-MM]\n       did expect list";
        auto p = Parse(argv, {{"provider"}, {"from"}, {"until"}});
        if (!p) return UsageError("expect", p.error().message + "\n" + kUsage);
        if (p->action == "add") {
            const std::string provider = Take(Require(p->args, "provider"));
            const core::Period from = Take(RequirePeriod(p->args, "from"));
            const auto until = Take(OptionalPeriod(p->args, "until"));
            return Done("expect", service::ExpectProvider(*p->session.store, p->session.actor, provider, from, until),
                        fmt::format("{} is expected to submit from {}.", provider, from.ToString()));
        }
        if (p->action != "list") return UsageError("expect", kUsage);
        store::EngagementTable table(p->session.store->db());
        auto rows = Take(table.Expected());
        Table out{{"provider", "from", "until"}, {}};
        for (const auto& e : rows) out.rows.push_back({e.provider, e.from_period, e.until_period});
        PrintTable(out, p->args.GetOr("format", "text"));
        return kExitOk;
    });
}

int RunLocalCodes(const std::vector<std::string>& argv) {
    return Guarded("local-codes", [&]() -> int {
        const char* kUsage =
            "usage: did local-codes notify --provider CODE --code LOCAL --nicip NICIP\n"
            "       did local-codes approve --provider CODE --code LOCAL\n"
            "       did local-codes refuse --provider CODE --code LOCAL --reason TEXT\n"
            "       did local-codes list [--provider CODE] [--status notified|approved|refused]\n"
            "       did local-codes usage --period YYYY-MM";
        auto p = Parse(argv, {{"provider"}, {"code"}, {"nicip"}, {"reason"}, {"status"}, {"period"}});
        if (!p) return UsageError("local-codes", p.error().message + "\n" + kUsage);
        store::Store& store = *p->session.store;
        if (p->action == "notify") {
            auto catalogue = Take(refdata::LoadCatalogue(p->session.data_dir));
            const std::string provider = Take(Require(p->args, "provider"));
            const std::string code = Take(Require(p->args, "code"));
            const std::string nicip = Take(Require(p->args, "nicip"));
            return Done(
                "local-codes", service::NotifyLocalCode(store, p->session.actor, *catalogue, provider, code, nicip),
                fmt::format("{} notified local code {} for {}; it is accepted once approved.", provider, code, nicip));
        }
        if (p->action == "approve" || p->action == "refuse") {
            const std::string provider = Take(Require(p->args, "provider"));
            const std::string code = Take(Require(p->args, "code"));
            const std::string decision = p->action == "approve" ? "approved" : "refused";
            return Done("local-codes",
                        service::DecideLocalCode(store, p->session.actor, provider, code, decision,
                                                 p->args.GetOr("reason", "")),
                        fmt::format("Local code {} of {} {}.", code, provider, decision));
        }
        if (p->action == "usage") {
            const core::Period period = Take(RequirePeriod(p->args, "period"));
            auto usage = Take(service::LocalCodeUsageFor(store, period.ToString()));
            Table out{{"provider", "accepted", "through local codes", "share"}, {}};
            for (const auto& u : usage) {
                const double share =
                    u.accepted == 0 ? 0 : 100.0 * static_cast<double>(u.local_coded) / static_cast<double>(u.accepted);
                out.rows.push_back({u.provider, std::to_string(u.accepted), std::to_string(u.local_coded),
                                    fmt::format("{:.1f}%", share)});
            }
            PrintTable(out, p->args.GetOr("format", "text"));
            return kExitOk;
        }
        if (p->action != "list") return UsageError("local-codes", kUsage);
        store::LocalCodeTable table(store.db());
        auto rows = Take(table.List(p->args.GetOr("provider", ""), p->args.GetOr("status", "")));
        Table out{{"provider", "local code", "nicip", "status", "notified by", "notified at", "decided by", "reason"},
                  {}};
        for (const auto& r : rows) {
            out.rows.push_back({r.provider, r.local_code, r.nicip_code, r.status, r.notified_by, r.notified_at,
                                r.decided_by, r.reason});
        }
        PrintTable(out, p->args.GetOr("format", "text"));
        return kExitOk;
    });
}

int RunExclusions(const std::vector<std::string>& argv) {
    return Guarded("exclusions", [&]() -> int {
        const char* kUsage =
            "usage: did exclusions add (--site CODE | --code NICIP) --reason TEXT\n"
            "       did exclusions remove (--site CODE | --code NICIP)\n"
            "       did exclusions list";
        auto p = Parse(argv, {{"site"}, {"code"}, {"reason"}});
        if (!p) return UsageError("exclusions", p.error().message + "\n" + kUsage);
        const std::string kind = p->args.Has("site") ? "site" : "code";
        const std::string value = p->args.GetOr(kind, "");
        if (p->action == "add" || p->action == "remove") {
            if (value.empty()) return UsageError("exclusions", "give --site or --code\n" + std::string(kUsage));
            if (p->action == "add") {
                return Done("exclusions",
                            service::AddExclusion(*p->session.store, p->session.actor, kind, value,
                                                  p->args.GetOr("reason", "")),
                            fmt::format("Activity at {} {} is excluded from now on.", kind, value));
            }
            return Done("exclusions", service::RemoveExclusion(*p->session.store, p->session.actor, kind, value),
                        fmt::format("{} {} is no longer excluded.", kind, value));
        }
        if (p->action != "list") return UsageError("exclusions", kUsage);
        store::EngagementTable table(p->session.store->db());
        auto rows = Take(table.Exclusions());
        Table out{{"kind", "value", "reason"}, {}};
        for (const auto& e : rows) out.rows.push_back({e.kind, e.value, e.reason});
        PrintTable(out, p->args.GetOr("format", "text"));
        return kExitOk;
    });
}

}  // namespace did::cli
