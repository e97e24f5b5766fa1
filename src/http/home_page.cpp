// A provider's home page: its name, and for each month open for submission today the
// window's dates and where the organisation stands (its current file, on time or late, or
// nothing usable yet), as service::StatusFor, the monitoring's own function, decides it.
#include <fmt/format.h>

#include "http/context.hpp"
#include "http/open_periods.hpp"
#include "http/provider_view.hpp"
#include "http/routes.hpp"
#include "service/monitoring.hpp"
#include "service/organisation_check.hpp"

namespace did::http {
namespace {

// The state in words on a tag, and a sentence saying what it means in days.
void SetState(PageData& month, const service::ProviderStatus& status) {
    const int days = status.days.value_or(0);
    const auto plural = [](int n) { return fmt::format("{} day{}", n, n == 1 ? "" : "s"); };
    if (status.state == "on time") {
        month.set("state", std::string("On time"));
        month.set("state_class", std::string("nhsuk-tag--green"));
        month.set("state_note", std::string("Received by the publication cut-off."));
    } else if (status.state == "late") {
        month.set("state", std::string("Late"));
        month.set("state_class", std::string("nhsuk-tag--orange"));
        month.set("state_note", fmt::format("First usable file received {} after the cut-off.", plural(days)));
    } else if (status.state == "rejected only") {
        month.set("state", std::string("Not submitted: every file rejected"));
        month.set("state_class", std::string("nhsuk-tag--red"));
        month.set("state_note", std::string("Files were sent, but none had a record that could be accepted."));
    } else if (status.state == "overdue") {
        month.set("state", std::string("Not submitted"));
        month.set("state_class", std::string("nhsuk-tag--red"));
        month.set("state_note", fmt::format("Overdue: the cut-off passed {} ago.", plural(days)));
    } else if (status.state == "not yet due") {
        month.set("state", std::string("Not submitted"));
        month.set("state_class", std::string("nhsuk-tag--red"));
        month.set("state_note", fmt::format("{} left until the cut-off.", plural(days)));
    } else {
        month.set("state", std::string("Not submitted"));
        month.set("state_class", std::string("nhsuk-tag--red"));
        month.set("state_note", std::string("No file sent for this month."));
    }
}

Response Home(Context& context) {
    const std::string& organisation = context.Param("organisation");
    const core::Date today = core::Date::Today();
    auto found = service::FindOrganisation(context.store, organisation);
    if (!found) return context.Error(found.error());
    auto windows = OpenWindows(context.store, today);
    if (!windows) return context.Error(windows.error());

    PageData months{PageData::type::list};
    for (const service::Window& window : *windows) {
        auto statuses = service::StatusFor(context.store, window, today);
        if (!statuses) return context.Error(statuses.error());
        service::ProviderStatus status;  // not listed: neither expected nor sent anything
        for (const auto& s : *statuses) {
            if (s.provider == organisation) status = s;
        }
        PageData month;
        month.set("period", window.period.ToString());
        month.set("month", MonthName(window.period));
        month.set("opens", window.opens.ToString());
        month.set("cutoff", window.cutoff.ToString());
        month.set("provisional", window.provisional.ToString());
        month.set("final", window.final.ToString());
        month.set("expected", status.expected);
        SetState(month, status);
        if (status.current) month.set("current", SubmissionView(*status.current));
        month.set("has_current", status.current.has_value());
        month.set("attempts", std::to_string(status.attempts));
        months.push_back(month);
    }

    PageData data;
    data.set("organisation", organisation);
    data.set("name", *found ? (*found)->name : organisation);
    data.set("has_name", found->has_value());
    data.set("today", today.ToString());
    data.set("months", months);
    data.set("has_months", !months.is_empty_list());
    data.set("can_submit", CanSubmit(context.principal));
    return context.Page("provider_home", *found ? (*found)->name : organisation, std::move(data));
}

}  // namespace

void AddHomePage(RouteTable& routes) {
    routes.Add({"GET",
                "/providers/{organisation}",
                {Audience::kRoles, ProviderRoles(), "organisation", false, false},
                Home,
                BodyKind::kSmall,
                "A provider's home: the months open for submission and where it stands in each"});
}

}  // namespace did::http
