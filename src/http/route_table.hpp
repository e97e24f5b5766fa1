// RouteTable: every route the server answers, each with its access rule. The rule is data, so
// the authorisation matrix test reads the same table the server uses: a route added without a
// rule does not compile, and one whose rule is wrong fails that test.
//
// Access: who may call a route at all (a route for other roles answers 403 to a signed-in
// user, and sends a signed-out browser to sign in), and, for a route with an organisation in
// its path, whose organisation it is: another organisation's gets 404, exactly as one that
// does not exist (the central administrator may see every organisation's).
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "http/application.hpp"
#include "http/principal.hpp"
#include "http/request.hpp"
#include "service/actor.hpp"

namespace did::http {

class Portal;
struct Context;

enum class Audience {
    kPublic,        // anyone, signed in or not (assets, sign-in, health)
    kSecondFactor,  // a user who gave the password and still owes the second factor
    kSignedIn,      // any signed-in user (a session) whatever the role
    kRoles,         // signed in with one of `roles`
};

struct AccessRule {
    Audience audience = Audience::kRoles;
    std::set<service::Role> roles;
    // The path parameter naming the organisation the route is about ("" = none).
    std::string organisation_param;
    bool api_token = false;      // an organisation's API token may call it (as a provider submitter)
    bool changes_state = false;  // needs the CSRF token when called with a session cookie
};

using Handler = std::function<Response(Context& context)>;

struct Route {
    std::string method;
    std::string pattern;  // "/providers/{organisation}/submissions/{id}"
    AccessRule access;
    Handler handler;
    BodyKind body = BodyKind::kSmall;
    std::string summary;  // one line, for the OpenAPI check and the route listing
};

class RouteTable {
  public:
    void Add(Route route);
    // The route for this method and path, with the path's parameters; nullopt when none
    // matches. `method_allowed` tells a path known under another method (405) from none (404).
    const Route* Find(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                      bool& path_known) const;
    const std::vector<Route>& routes() const { return routes_; }

  private:
    std::vector<Route> routes_;
};

// The roles named, for AccessRule::roles.
inline std::set<service::Role> ProviderRoles() {
    return {service::Role::kProviderSubmitter, service::Role::kProviderViewer, service::Role::kCentralAdministrator};
}
inline std::set<service::Role> SubmitterRoles() {
    return {service::Role::kProviderSubmitter, service::Role::kCentralAdministrator};
}
inline std::set<service::Role> AllRoles() {
    return {service::Role::kProviderSubmitter, service::Role::kProviderViewer, service::Role::kGpPracticeUser,
            service::Role::kAnalyst, service::Role::kCentralAdministrator};
}

}  // namespace did::http
