// A provider's submissions, month by month over the last 13 months (newest first): the
// current file first, then the superseded and rejected ones, newest first, each linking to
// its validation result. The list is service::ListSubmissions, as `did submissions` prints.
#include <algorithm>

#include "http/context.hpp"
#include "http/provider_view.hpp"
#include "http/routes.hpp"
#include "service/submission_admin.hpp"

namespace did::http {
namespace {

constexpr int kMonths = 13;

Response Submissions(Context& context) {
    const std::string& organisation = context.Param("organisation");
    PageData months{PageData::type::list};
    core::Period period = core::Period::Of(core::Date::Today());
    for (int i = 0; i < kMonths; ++i, period = period.Previous()) {
        auto rows = service::ListSubmissions(context.store, period, organisation);
        if (!rows) return context.Error(rows.error());
        std::vector<store::SubmissionRow> ordered = std::move(*rows);
        // The current file first, then the others newest first (ids grow with time).
        std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
            const bool a_current = a.status == store::SubmissionStatus::kCurrent;
            const bool b_current = b.status == store::SubmissionStatus::kCurrent;
            if (a_current != b_current) return a_current;
            return a.id > b.id;
        });
        PageData files{PageData::type::list};
        for (const auto& row : ordered) files.push_back(SubmissionView(row));
        PageData month;
        month.set("period", period.ToString());
        month.set("month", MonthName(period));
        month.set("files", files);
        month.set("has_files", !files.is_empty_list());
        months.push_back(month);
    }
    PageData data;
    data.set("organisation", organisation);
    data.set("months", months);
    data.set("can_submit", CanSubmit(context.principal));
    return context.Page("provider_submissions", "Submissions", std::move(data));
}

}  // namespace

void AddSubmissionsPage(RouteTable& routes) {
    routes.Add({"GET",
                "/providers/{organisation}/submissions",
                {Audience::kRoles, ProviderRoles(), "organisation", false, false},
                Submissions,
                BodyKind::kSmall,
                "A provider's files of the last 13 months, month by month"});
}

}  // namespace did::http
