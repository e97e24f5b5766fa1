// The route families, each added to the table by its own file: health_routes.cpp,
// asset_routes.cpp, sign_in_routes.cpp, provider_pages.cpp (which adds the provider's pages:
// home_page.cpp, submissions_page.cpp, submission_page.cpp, local_codes_page.cpp,
// timetable_page.cpp), submit_page.cpp, api_token_pages.cpp, statistics_pages.cpp, api_routes.cpp.
#pragma once

#include <string>

#include "http/route_table.hpp"

namespace did::http {

void AddHealthRoutes(RouteTable& routes);
void AddAssetRoutes(RouteTable& routes, const std::string& web_root);
void AddSignInRoutes(RouteTable& routes);
void AddProviderPages(RouteTable& routes);
void AddHomePage(RouteTable& routes);
void AddSubmissionsPage(RouteTable& routes);
void AddSubmissionPage(RouteTable& routes);
void AddLocalCodesPage(RouteTable& routes);
void AddTimetablePage(RouteTable& routes);
void AddSubmitPage(RouteTable& routes);
void AddApiTokenPages(RouteTable& routes);
void AddStatisticsPages(RouteTable& routes);
void AddApiRoutes(RouteTable& routes);

}  // namespace did::http
