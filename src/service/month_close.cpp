#include "service/month_close.hpp"

#include <set>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "service/audit_trail.hpp"
#include "store/engagement_table.hpp"
#include "store/last_good_file_table.hpp"
#include "store/submission_table.hpp"
#include "store/timetable_table.hpp"

namespace did::service {
namespace {

constexpr store::LastGoodFileStage kProvisional = store::LastGoodFileStage::kProvisional;
constexpr store::LastGoodFileStage kFinal = store::LastGoodFileStage::kFinal;
constexpr const char* kAtCutoff = "current when the publication cut-off passed";
constexpr const char* kAtFinal = "current when the final deadline passed";

// What is recorded, else the current file: nothing has changed it since the day passed (or
// the day is still to come).
LastGoodFile Resolve(const std::optional<store::LastGoodFileRow>& recorded, std::optional<int64_t> current,
                     bool passed) {
    if (recorded) return {recorded->submission_id, true};
    return {current, passed};
}

core::Result<Window> WindowOf(store::Store& store, core::Period period) {
    auto timetable = Timetable::Load(store);
    if (!timetable) return core::Fail(timetable.error());
    return timetable->For(period);
}

// Records `stage` as `current` if `day` is past `deadline` and nothing is recorded yet.
core::Status RecordIfDue(store::LastGoodFileTable& table, const std::string& provider, core::Period period,
                         store::LastGoodFileStage stage, const char* note, core::Date deadline, core::Date day,
                         std::optional<int64_t> current) {
    if (day <= deadline) return {};
    auto recorded = table.Get(provider, period, stage);
    if (!recorded) return core::Fail(recorded.error());
    if (*recorded) return {};
    return table.Put({provider, period, stage, current, core::UtcTimestamp(), note});
}

}  // namespace

core::Result<LastGoodFiles> LastGoodFilesOf(store::Store& store, const std::string& provider, core::Period period,
                                            core::Date today) {
    auto window = WindowOf(store, period);
    if (!window) return core::Fail(window.error());
    auto all = LastGoodFilesFor(store, *window, today);
    if (!all) return core::Fail(all.error());
    const auto found = all->find(provider);
    if (found != all->end()) return found->second;
    return LastGoodFiles{{std::nullopt, today > window->cutoff}, {std::nullopt, today > window->final}};
}

core::Result<std::map<std::string, LastGoodFiles>> LastGoodFilesFor(store::Store& store, const Window& window,
                                                                    core::Date today) {
    std::map<std::string, std::optional<int64_t>> current;
    auto submissions = store::SubmissionTable(store.db()).List(window.period, "");
    if (!submissions) return core::Fail(submissions.error());
    for (const store::SubmissionRow& s : *submissions) {
        auto& id = current[s.provider];
        if (s.status == store::SubmissionStatus::kCurrent) id = s.id;
    }
    std::map<std::string, std::pair<std::optional<store::LastGoodFileRow>, std::optional<store::LastGoodFileRow>>>
        recorded;
    auto rows = store::LastGoodFileTable(store.db()).ForPeriod(window.period);
    if (!rows) return core::Fail(rows.error());
    for (store::LastGoodFileRow& row : *rows) {
        current.try_emplace(row.provider);
        auto& pair = recorded[row.provider];
        (row.stage == kProvisional ? pair.first : pair.second) = std::move(row);
    }
    std::map<std::string, LastGoodFiles> out;
    for (const auto& [provider, id] : current) {
        const auto& [provisional, final] = recorded[provider];
        out[provider] = {Resolve(provisional, id, today > window.cutoff), Resolve(final, id, today > window.final)};
    }
    return out;
}

core::Status RecordLastGoodFiles(store::Store& store, core::Period period, core::Date today) {
    auto window = WindowOf(store, period);
    if (!window) return core::Fail(window.error());
    if (today <= window->cutoff) return {};
    return store.InTransaction([&]() -> core::Status {
        std::set<std::string> providers;
        auto expected = store::EngagementTable(store.db()).Expected();
        if (!expected) return core::Fail(expected.error());
        for (const store::ExpectedRow& e : *expected) {
            if (e.covers(period)) providers.insert(e.provider);
        }
        store::SubmissionTable submissions(store.db());
        auto sent = submissions.List(period, "");
        if (!sent) return core::Fail(sent.error());
        for (const store::SubmissionRow& s : *sent) providers.insert(s.provider);
        store::LastGoodFileTable table(store.db());
        for (const std::string& provider : providers) {
            // Under the lock a submission takes, so that none changes the current file meanwhile.
            if (auto locked = store.db().LockKey(MonthSubject(provider, period)); !locked) return locked;
            auto now = submissions.Current(provider, period);
            if (!now) return core::Fail(now.error());
            const std::optional<int64_t> id = *now ? std::optional<int64_t>((*now)->id) : std::nullopt;
            if (auto r = RecordIfDue(table, provider, period, kProvisional, kAtCutoff, window->cutoff, today, id); !r)
                return r;
            if (auto r = RecordIfDue(table, provider, period, kFinal, kAtFinal, window->final, today, id); !r) return r;
        }
        return {};
    });
}

core::Status BeforeCurrentFileChanges(store::Store& store, const Actor& actor, const std::string& provider,
                                      core::Period period, core::Date day, std::optional<int64_t> current,
                                      int64_t next) {
    auto window = WindowOf(store, period);
    if (!window) return core::Fail(window.error());
    const std::string p = period.ToString();
    store::LastGoodFileTable table(store.db());
    if (auto r = RecordIfDue(table, provider, period, kProvisional, kAtCutoff, window->cutoff, day, current); !r)
        return r;
    if (auto r = RecordIfDue(table, provider, period, kFinal, kAtFinal, window->final, day, current); !r) return r;
    if (day <= window->final) return {};

    auto exception = store::TimetableTable(store.db()).Exception(provider, period);
    if (!exception) return core::Fail(exception.error());
    if (!*exception || day > (*exception)->until) {
        return core::Fail(core::Error::Conflict(
            fmt::format("the final deadline of {} passed on {}: the month is closed for {}, and only an exception "
                        "(did exception grant) reopens it",
                        p, window->final.ToString(), provider)));
    }
    const store::ExceptionRow& e = **exception;
    const std::string replaces = current ? std::to_string(*current) : "";
    if (auto put = table.Put({provider, period, kFinal, next, core::UtcTimestamp(),
                              fmt::format("made current under the exception granted by {} at {} until {}: {}",
                                          e.granted_by, e.granted_at, e.until.ToString(), e.reason)});
        !put) {
        return put;
    }
    return Written(Record(store, actor, "final_file.changed", provider + " " + p,
                          {{"submission", std::to_string(next)},
                           {"replaces", replaces},
                           {"exception_until", e.until.ToString()},
                           {"exception_reason", e.reason},
                           {"exception_granted_by", e.granted_by}}));
}

}  // namespace did::service
