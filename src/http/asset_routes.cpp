// Static files: the portal's own scripts and styles (web/assets), NHS.UK frontend's built
// files (web/node_modules/nhsuk-frontend/dist) and Chart.js's (web/node_modules/chart.js/dist),
// installed from web/package-lock.json. The
// path was checked when the request was read (target.hpp): no "..", no encoded slash.
#include <string_view>

#include "core/file_io.hpp"
#include "http/context.hpp"
#include "http/routes.hpp"

namespace did::http {
namespace {

std::string ContentTypeOf(std::string_view path) {
    if (path.ends_with(".css")) return "text/css; charset=utf-8";
    if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
    if (path.ends_with(".svg")) return "image/svg+xml";
    if (path.ends_with(".png")) return "image/png";
    if (path.ends_with(".ico")) return "image/x-icon";
    if (path.ends_with(".woff2")) return "font/woff2";
    if (path.ends_with(".woff")) return "font/woff";
    if (path.ends_with(".json")) return "application/json";
    return "application/octet-stream";
}

Handler ServeFrom(std::string directory) {
    return [directory = std::move(directory)](Context& context) {
        const std::string& path = context.Param("path");
        if (path.starts_with(".") || path.find("/.") != std::string::npos) {
            return context.ErrorStatus(404, kNotFoundMessage);
        }
        auto bytes = core::ReadFile(directory + "/" + path);
        if (!bytes) return context.ErrorStatus(404, kNotFoundMessage);
        Response response;
        response.content_type = ContentTypeOf(path);
        response.body = std::move(*bytes);
        response.cacheable = true;
        return response;
    };
}

}  // namespace

void AddAssetRoutes(RouteTable& routes, const std::string& web_root) {
    routes.Add({"GET",
                "/assets/nhsuk/{path...}",
                {Audience::kPublic, {}, "", false, false},
                ServeFrom(web_root + "/node_modules/nhsuk-frontend/dist"),
                BodyKind::kSmall,
                "NHS.UK frontend's styles, scripts and icons"});
    routes.Add({"GET",
                "/assets/chartjs/{path...}",
                {Audience::kPublic, {}, "", false, false},
                ServeFrom(web_root + "/node_modules/chart.js/dist"),
                BodyKind::kSmall,
                "Chart.js, for the statistics pages' charts"});
    routes.Add({"GET",
                "/assets/{path...}",
                {Audience::kPublic, {}, "", false, false},
                ServeFrom(web_root + "/assets"),
                BodyKind::kSmall,
                "The portal's own scripts and styles"});
}

}  // namespace did::http
