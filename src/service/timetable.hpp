// The collection's timetable: for each reporting month, when its submission window opens,
// the publication cut-off (files received by then make the monthly publication), the
// provisional and the final deadline. Defaults follow a rule an administrator can change;
// a month can be overridden until its cut-off; a month past its cut-off keeps its dates
// whatever the rule becomes; a provider can be granted a dated exception to submit late.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"
#include "store/types.hpp"

namespace did::service {

// The default for a month M: the window opens on the 1st of M+1; the cut-off is day
// `cutoff_day` of M+1; the provisional deadline the last day of M+`provisional_months`; the
// final deadline (and the window's close) the last day of M+`final_months`.
struct TimetableRule {
    int cutoff_day = 26;
    int provisional_months = 1;
    int final_months = 6;

    std::string Describe() const;
};

struct Window {
    core::Period period;
    core::Date opens;
    core::Date cutoff;
    core::Date provisional;
    core::Date final;
    bool overridden = false;
    bool frozen = false;  // the rule's dates, kept when the rule changed after the cut-off

    bool Open(core::Date day) const { return opens <= day && day <= final; }
};

class Timetable {
  public:
    static core::Result<Timetable> Load(store::Store& store);

    const TimetableRule& rule() const { return rule_; }
    core::Result<Window> For(core::Period period) const;

    // Whether `provider` may submit for `period` on `day`: inside the window, or inside an
    // exception granted to it. On refusal, the reason a submitter can act on.
    core::Result<std::optional<std::string>> Refusal(const std::string& provider, core::Period period,
                                                     core::Date day) const;

    // The month's dates as the rule alone makes them.
    static Window RuleWindow(core::Period period, const TimetableRule& rule);

  private:
    explicit Timetable(store::Store& store) : store_(&store) {}
    store::Store* store_;
    TimetableRule rule_;
};

// Changes the rule. Months whose cut-off has passed by `today`, under the rule in force or
// under the new one, keep the dates they have (frozen), so that no file's on-time or late
// changes and no cut-off moves into the past.
core::Status SetTimetableRule(store::Store& store, const Actor& actor, const TimetableRule& rule, core::Date today);
// Sets one month's dates; refused once its cut-off has passed, or for a cut-off already past.
core::Status OverrideWindow(store::Store& store, const Actor& actor, const Window& window, core::Date today);
// Lets `provider` submit for `period`, or have an earlier file restored, until `until` after
// the window has closed: after the final deadline, what reopens the month for that provider.
// Returns what it replaced ("until 2026-12-31 (flood)"), empty when new.
core::Result<std::string> GrantException(store::Store& store, const Actor& actor, const std::string& provider,
                                         core::Period period, core::Date until, const std::string& reason);
core::Status RevokeException(store::Store& store, const Actor& actor, const std::string& provider, core::Period period);
core::Result<std::vector<store::ExceptionRow>> ListExceptions(store::Store& store);

}  // namespace did::service
