// Portal: the web portal and the API as the server's Application. Finds the route, learns
// who is asking (session cookie or API token, through the service), applies the route's
// access rule and the CSRF check, and calls the handler. Everything a handler may assume
// about the caller is settled here, in one place. Thread-safe: read-only after construction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "http/application.hpp"
#include "http/context.hpp"
#include "http/limits.hpp"
#include "http/route_table.hpp"
#include "http/templates.hpp"

namespace did::http {

struct PortalOptions {
    std::string web_root;  // holds templates/ and assets/
    Limits limits;
    std::string spool_directory = "/tmp";
    // Demo data: users without a second factor exist, and every page says so.
    bool demo = false;
    // Unix seconds, for sessions and throttling; tests may set a clock.
    std::function<int64_t()> now;
};

class Portal : public Application {
  public:
    static core::Result<std::unique_ptr<Portal>> Create(PortalOptions options);

    BodyPlan PlanBody(const Request& request) const override;
    std::optional<Response> Admit(Request& request, store::Store& store) override;
    Response Handle(Request& request, store::Store& store, ResponseStream& stream) override;
    Response ServerError(const Request& request, int status, const std::string& message) const override;

    const RouteTable& routes() const { return routes_; }
    const Templates& templates() const { return templates_; }
    const PortalOptions& options() const { return options_; }
    int64_t Now() const { return options_.now(); }

    // The layout around a page (see Context::Page).
    Response RenderPage(const Principal& principal, const Request& request, const std::string& template_name,
                        const std::string& title, const PageData& data, int status) const;

  private:
    Portal(PortalOptions options, Templates templates);
    Principal Authenticate(const Request& request, store::Store& store) const;

    PortalOptions options_;
    Templates templates_;
    RouteTable routes_;
};

// Whether a path is the API's (answered in JSON) rather than a page.
inline bool IsApiPath(const std::string& path) {
    return path.starts_with("/api/");
}

}  // namespace did::http
