// The collection's timetable for every signed-in user: the rule in words, and for the last 13
// months (newest first) when each window opens, its publication cut-off, provisional and final
// deadlines, whether it is open today, and whether its dates are the rule's, set for the month
// (overridden) or kept when the rule changed after its cut-off (frozen). From service::Timetable.
#include "http/context.hpp"
#include "http/provider_view.hpp"
#include "http/routes.hpp"
#include "service/timetable.hpp"

namespace did::http {
namespace {

constexpr int kMonths = 13;

Response TimetablePage(Context& context) {
    auto timetable = service::Timetable::Load(context.store);
    if (!timetable) return context.Error(timetable.error());
    const core::Date today = core::Date::Today();
    PageData months{PageData::type::list};
    core::Period period = core::Period::Of(today);
    for (int i = 0; i < kMonths; ++i, period = period.Previous()) {
        auto window = timetable->For(period);
        if (!window) return context.Error(window.error());
        PageData month;
        month.set("period", period.ToString());
        month.set("month", MonthName(period));
        month.set("opens", window->opens.ToString());
        month.set("cutoff", window->cutoff.ToString());
        month.set("provisional", window->provisional.ToString());
        month.set("final", window->final.ToString());
        month.set("open", window->Open(today));
        month.set("not_yet", today < window->opens);
        month.set("overridden", window->overridden);
        month.set("frozen", window->frozen);
        months.push_back(month);
    }
    PageData data;
    data.set("rule", timetable->rule().Describe());
    data.set("today", today.ToString());
    data.set("months", months);
    return context.Page("timetable", "Submission timetable", std::move(data));
}

}  // namespace

void AddTimetablePage(RouteTable& routes) {
    routes.Add({"GET",
                "/timetable",
                {Audience::kSignedIn, {}, "", false, false},
                TimetablePage,
                BodyKind::kSmall,
                "The submission timetable: the rule and each month's dates"});
}

}  // namespace did::http
