#include "service/timetable.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "service/audit_trail.hpp"
#include "service/organisation_check.hpp"
#include "store/timetable_table.hpp"

namespace did::service {
namespace {

core::Date Day(core::Period period, int day) {
    return *core::Date::FromYmd(period.Year(), period.Month(), std::min(day, period.LastDay().Day()));
}

core::Period Plus(core::Period period, int months) {
    for (int i = 0; i < months; ++i) period = period.Next();
    return period;
}

}  // namespace

std::string TimetableRule::Describe() const {
    return fmt::format(
        "window opens the 1st of the following month; publication cut-off day {} of it; provisional "
        "deadline the end of month +{}; final deadline (window closes) the end of month +{}",
        cutoff_day, provisional_months, final_months);
}

core::Result<Timetable> Timetable::Load(store::Store& store) {
    Timetable timetable(store);
    store::TimetableTable table(store.db());
    for (auto [key, target] : {std::pair{"timetable.cutoff_day", &timetable.rule_.cutoff_day},
                               std::pair{"timetable.provisional_months", &timetable.rule_.provisional_months},
                               std::pair{"timetable.final_months", &timetable.rule_.final_months}}) {
        auto value = table.Setting(key);
        if (!value) return core::Fail(value.error());
        if (*value) *target = std::stoi(**value);
    }
    return timetable;
}

Window Timetable::RuleWindow(core::Period period, const TimetableRule& rule) {
    const core::Period next = period.Next();
    return Window{period,
                  next.FirstDay(),
                  Day(next, rule.cutoff_day),
                  Plus(period, rule.provisional_months).LastDay(),
                  Plus(period, rule.final_months).LastDay(),
                  false,
                  false};
}

core::Result<Window> Timetable::For(core::Period period) const {
    store::TimetableTable table(store_->db());
    auto stored = table.Override(period);
    if (!stored) return core::Fail(stored.error());
    const bool overridden = stored->has_value();
    if (!overridden) {
        stored = table.Frozen(period);
        if (!stored) return core::Fail(stored.error());
    }
    if (*stored) {
        const auto& o = **stored;
        return Window{period, o.opens, o.cutoff, o.provisional, o.final, overridden, !overridden};
    }
    return RuleWindow(period, rule_);
}

core::Result<std::optional<std::string>> Timetable::Refusal(const std::string& provider, core::Period period,
                                                            core::Date day) const {
    auto window = For(period);
    if (!window) return core::Fail(window.error());
    if (window->Open(day)) return std::optional<std::string>();
    store::TimetableTable table(store_->db());
    auto exception = table.Exception(provider, period);
    if (!exception) return core::Fail(exception.error());
    if (*exception && day <= (*exception)->until && day >= window->opens) {
        return std::optional<std::string>();
    }
    if (day < window->opens) {
        return std::optional<std::string>(
            fmt::format("the window for {} opens on {}: a month's data can be sent "
                        "once the month is over",
                        period.ToString(), window->opens.ToString()));
    }
    return std::optional<std::string>(fmt::format(
        "the window for {} closed on {}; ask the central team for an exception if this data must still be sent",
        period.ToString(), window->final.ToString()));
}

namespace {

store::TimetableOverrideRow Row(const Window& w) {
    return {w.period, w.opens, w.cutoff, w.provisional, w.final};
}

// Freezes, in the caller's transaction, each month that follows the rule and whose dates
// `rule` would change although its cut-off has passed by `today` under the rule in force or
// under `rule`. Returns the months frozen ("2026-09, 2026-10").
core::Result<std::string> FreezePastMonths(store::Store& store, const TimetableRule& rule, core::Date today) {
    auto timetable = Timetable::Load(store);
    if (!timetable) return core::Fail(timetable.error());
    store::TimetableTable table(store.db());
    auto first = table.FirstPeriodInUse();
    if (!first) return core::Fail(first.error());
    std::string frozen;
    if (!*first) return frozen;
    const std::string at = core::UtcTimestamp();
    // A month's cut-off is in the month after it, so no later month's can have passed.
    for (core::Period month = **first; month <= core::Period::Of(today); month = month.Next()) {
        auto now = timetable->For(month);
        if (!now) return core::Fail(now.error());
        if (now->overridden || now->frozen) continue;  // neither follows the rule
        const Window then = Timetable::RuleWindow(month, rule);
        const bool same = then.opens == now->opens && then.cutoff == now->cutoff &&
                          then.provisional == now->provisional && then.final == now->final;
        if (same || (today <= now->cutoff && today <= then.cutoff)) continue;
        if (auto kept = table.Freeze(Row(*now), at); !kept) return core::Fail(kept.error());
        frozen += (frozen.empty() ? "" : ", ") + month.ToString();
    }
    return frozen;
}

}  // namespace

core::Status SetTimetableRule(store::Store& store, const Actor& actor, const TimetableRule& rule, core::Date today) {
    if (rule.cutoff_day < 1 || rule.cutoff_day > 31 || rule.provisional_months < 1 ||
        rule.final_months < rule.provisional_months) {
        return core::Fail(core::Error::InvalidArgument(
            "the cut-off day must be 1-31 and the final deadline no earlier than the provisional one"));
    }
    return store.InTransaction([&]() -> core::Status {
        auto frozen = FreezePastMonths(store, rule, today);
        if (!frozen) return core::Fail(frozen.error());
        store::TimetableTable table(store.db());
        for (auto [key, value] : {std::pair{"timetable.cutoff_day", rule.cutoff_day},
                                  std::pair{"timetable.provisional_months", rule.provisional_months},
                                  std::pair{"timetable.final_months", rule.final_months}}) {
            if (auto put = table.PutSetting(key, std::to_string(value)); !put) return put;
        }
        auto entry = Record(store, actor, "timetable.rule_changed", "timetable",
                            {{"rule", rule.Describe()}, {"frozen", *frozen}});
        if (!entry) return core::Fail(entry.error());
        return {};
    });
}

core::Status OverrideWindow(store::Store& store, const Actor& actor, const Window& w, core::Date today) {
    if (!(w.opens <= w.cutoff && w.cutoff <= w.final && w.provisional <= w.final && w.opens <= w.provisional)) {
        return core::Fail(core::Error::InvalidArgument("the dates must run opens <= cut-off, provisional <= final"));
    }
    if (w.cutoff < today) {
        return core::Fail(core::Error::InvalidArgument(
            fmt::format("a cut-off cannot be set in the past ({}): files received on time would become late",
                        w.cutoff.ToString())));
    }
    return store.InTransaction([&]() -> core::Status {
        auto timetable = Timetable::Load(store);
        if (!timetable) return core::Fail(timetable.error());
        auto now = timetable->For(w.period);
        if (!now) return core::Fail(now.error());
        if (now->cutoff < today) {
            return core::Fail(core::Error::InvalidArgument(fmt::format(
                "the publication cut-off of {} passed on {}: its dates stay as they are; grant a provider an "
                "exception to let it submit late",
                w.period.ToString(), now->cutoff.ToString())));
        }
        store::TimetableTable table(store.db());
        auto put = table.PutOverride(Row(w));
        if (!put) return put;
        auto entry = Record(store, actor, "timetable.month_overridden", w.period.ToString(),
                            {{"opens", w.opens.ToString()},
                             {"cutoff", w.cutoff.ToString()},
                             {"provisional", w.provisional.ToString()},
                             {"final", w.final.ToString()}});
        if (!entry) return core::Fail(entry.error());
        return {};
    });
}

core::Result<std::string> GrantException(store::Store& store, const Actor& actor, const std::string& provider,
                                         core::Period period, core::Date until, const std::string& reason) {
    if (reason.empty()) return core::Fail(core::Error::InvalidArgument("an exception needs a reason"));
    if (auto known = CheckOrganisation(store, provider, OrgRole::kProvider); !known) return core::Fail(known.error());
    std::string replaced;
    auto status = store.InTransaction([&]() -> core::Status {
        store::TimetableTable table(store.db());
        auto earlier = table.Exception(provider, period);
        if (!earlier) return core::Fail(earlier.error());
        if (*earlier) replaced = "until " + (*earlier)->until.ToString() + " (" + (*earlier)->reason + ")";
        auto put = table.PutException({provider, period, until, reason, actor.name, core::UtcTimestamp()});
        if (!put) return put;
        return Written(Record(store, actor, "exception.granted", MonthSubject(provider, period),
                              {{"until", until.ToString()}, {"reason", reason}, {"replaced", replaced}}));
    });
    if (!status) return core::Fail(status.error());
    return replaced;
}

core::Status RevokeException(store::Store& store, const Actor& actor, const std::string& provider,
                             core::Period period) {
    return store.InTransaction([&]() -> core::Status {
        store::TimetableTable table(store.db());
        auto earlier = table.Exception(provider, period);
        if (!earlier) return core::Fail(earlier.error());
        if (!*earlier) {
            return core::Fail(
                core::Error::NotFound(provider + " has no exception for " + period.ToString() + ": nothing to revoke"));
        }
        if (auto removed = table.RemoveException(provider, period); !removed) return removed;
        return Written(Record(store, actor, "exception.revoked", MonthSubject(provider, period),
                              {{"was_until", (*earlier)->until.ToString()}}));
    });
}

core::Result<std::vector<store::ExceptionRow>> ListExceptions(store::Store& store) {
    return store::TimetableTable(store.db()).Exceptions();
}

}  // namespace did::service
