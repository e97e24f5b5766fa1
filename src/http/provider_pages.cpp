// A provider's pages: home (what is due and where it stands), its submissions per month, one
// submission's validation result with every finding, the timetable and its local codes.
#include "http/context.hpp"
#include "http/routes.hpp"

namespace did::http {

void AddProviderPages(RouteTable& routes) {
    (void)routes;
}

}  // namespace did::http
