// A provider's pages: home (what is due and where it stands), its submissions per month, one
// submission's validation result with every finding, its local codes, and the timetable. Each
// page is a file of its own that adds its routes; this adds them all.
#include "http/routes.hpp"

namespace did::http {

void AddProviderPages(RouteTable& routes) {
    AddHomePage(routes);
    AddSubmissionsPage(routes);
    AddSubmissionPage(routes);
    AddLocalCodesPage(routes);
    AddTimetablePage(routes);
}

}  // namespace did::http
