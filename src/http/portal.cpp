#include "http/portal.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <exception>
#include <optional>

#include "http/cookies.hpp"
#include "http/routes.hpp"
#include "service/api_tokens.hpp"
#include "service/secret_token.hpp"
#include "service/sign_in.hpp"

namespace did::http {

namespace {

int64_t SystemNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string BearerToken(const Request& request) {
    const std::string& header = request.Header("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (header.size() <= kBearer.size() || !header.starts_with(kBearer)) return {};
    return header.substr(kBearer.size());
}

bool Allowed(const AccessRule& rule, const Principal& principal) {
    switch (rule.audience) {
        case Audience::kPublic:
            return true;
        case Audience::kSecondFactor:
        case Audience::kSignedIn:
            return principal.credential == Credential::kSession;
        case Audience::kRoles:
            if (principal.credential == Credential::kApiToken) return rule.api_token;
            return principal.credential == Credential::kSession && rule.roles.contains(principal.role);
    }
    return false;
}

// The answer when the caller may not call the route (or must first sign in), else nullopt.
std::optional<Response> Check(const AccessRule& rule, const Request& request, const Context& context) {
    const Principal& principal = context.principal;
    // A pending session (second factor still due) is good for the second-factor pages only.
    const bool pending = principal.credential == Credential::kSession && principal.second_factor_due;
    if (rule.audience == Audience::kSecondFactor) {
        if (!pending) return context.Redirect("/sign-in");
    } else if (pending && rule.audience != Audience::kPublic) {
        return context.Redirect("/sign-in/second-factor");
    } else if (!Allowed(rule, principal)) {
        if (principal.signed_in()) return context.ErrorStatus(403, "Your role does not give access to this page.");
        if (!IsApiPath(request.path)) return context.Redirect("/sign-in");
        Response response = context.ErrorStatus(401, "Sign in, or send an API token as 'Authorization: Bearer …'.");
        response.headers.emplace_back("WWW-Authenticate", "Bearer");
        return response;
    } else if (!rule.organisation_param.empty() && principal.role != service::Role::kCentralAdministrator &&
               request.params.at(rule.organisation_param) != principal.organisation) {
        // Another organisation's: the same answer as one that does not exist.
        return context.ErrorStatus(404, kNotFoundMessage);
    }
    // A public form (signing in) is tied to the browser by its own cookie; the handler checks it.
    if (rule.changes_state && rule.audience != Audience::kPublic && principal.credential == Credential::kSession) {
        const std::string& header = request.Header("x-csrf-token");
        const std::string sent = !header.empty() ? header : request.Query("csrf").value_or(context.Form("csrf"));
        if (!service::SameSecret(sent, principal.csrf_token)) {
            return context.ErrorStatus(403, "This form has expired. Go back, reload the page and try again.");
        }
    }
    return std::nullopt;
}

// A handler's exception (a library's, never ours) is a page, not a dropped connection.
Response CallHandler(const Route& route, Context& context) {
    try {
        return route.handler(context);
    } catch (const std::exception&) {
        return context.ErrorStatus(500,
                                   "Something went wrong on our side. Nothing you sent was lost: try again, "
                                   "and tell the DID team if it happens again.");
    }
}

// Admission answers before anything is streamed.
class NoStream : public ResponseStream {
  public:
    bool wanted() const override { return false; }
    void Begin(int /*status*/, const std::string& /*content_type*/) override {}
    void Part(std::string /*part*/) override {}
};

}  // namespace

Portal::Portal(PortalOptions options, Templates templates)
    : options_(std::move(options)), templates_(std::move(templates)) {}

core::Result<std::unique_ptr<Portal>> Portal::Create(PortalOptions options) {
    auto templates = Templates::Load(options.web_root + "/templates");
    if (!templates) return core::Fail(templates.error());
    if (!options.now) options.now = SystemNow;
    std::unique_ptr<Portal> portal(new Portal(std::move(options), std::move(*templates)));
    AddHealthRoutes(portal->routes_);
    AddAssetRoutes(portal->routes_, portal->options_.web_root);
    AddSignInRoutes(portal->routes_);
    AddProviderPages(portal->routes_);
    AddSubmitPage(portal->routes_);
    AddStatisticsPages(portal->routes_);
    AddApiTokenPages(portal->routes_);
    AddApiRoutes(portal->routes_);
    return portal;
}

BodyPlan Portal::PlanBody(const Request& request) const {
    std::map<std::string, std::string> params;
    bool known = false;
    const Route* route = routes_.Find(request.method, request.path, params, known);
    if (route != nullptr && route->body == BodyKind::kUpload) return {BodyKind::kUpload, options_.limits.upload_bytes};
    return {BodyKind::kSmall, options_.limits.form_bytes};
}

Principal Portal::Authenticate(const Request& request, store::Store& store) const {
    Principal principal;
    if (const std::string token = BearerToken(request); !token.empty()) {
        auto found = service::ResolveApiToken(store, token);
        if (found && *found) {
            principal.credential = Credential::kApiToken;
            principal.token_id = (*found)->id;
            principal.name = "token:" + std::to_string((*found)->id);
            principal.display_name = (*found)->name;
            principal.organisation = (*found)->organisation;
            principal.role = service::Role::kProviderSubmitter;
        }
        return principal;  // a bad token is no credential, whatever cookie came with it
    }
    const std::string token = CookieValue(request.Header("cookie"), kSessionCookie);
    if (token.empty()) return principal;
    auto session = service::ResumeSession(store, token, Now());
    if (!session || !*session) return principal;
    const service::SessionUser& user = **session;
    principal.credential = Credential::kSession;
    principal.user_id = user.user.id;
    principal.name = user.user.name;
    principal.display_name = user.user.display_name;
    principal.organisation = user.user.organisation;
    principal.role = user.user.role;
    principal.second_factor_off = !user.user.second_factor_required;
    principal.csrf_token = user.csrf_token;
    principal.second_factor_due = user.second_factor_due;
    return principal;
}

std::optional<Response> Portal::Admit(Request& request, store::Store& store) {
    std::map<std::string, std::string> params;
    bool known = false;
    const Route* route = routes_.Find(request.method, request.path, params, known);
    if (route == nullptr) return std::nullopt;  // Handle answers 404 or 405
    request.params = std::move(params);
    Principal principal = Authenticate(request, store);
    NoStream stream;
    Context context{request, store, principal, stream, *this};
    auto refused = Check(route->access, request, context);
    if (refused) {
        refused->route = route->pattern;
        refused->who = principal.LogId();
    }
    return refused;
}

Response Portal::Handle(Request& request, store::Store& store, ResponseStream& stream) {
    std::map<std::string, std::string> params;
    bool known = false;
    const Route* route = routes_.Find(request.method, request.path, params, known);
    Principal principal = Authenticate(request, store);
    Context context{request, store, principal, stream, *this};
    Response response;
    if (route == nullptr) {
        response = context.ErrorStatus(known ? 405 : 404,
                                       known ? "This address does not take that method." : kNotFoundMessage);
        response.who = principal.LogId();
        return response;
    }
    request.params = std::move(params);
    auto refused = Check(route->access, request, context);
    response = refused ? std::move(*refused) : CallHandler(*route, context);
    response.route = route->pattern;
    response.who = principal.LogId();
    if (request.method == "HEAD") response.body.clear();
    return response;
}

Response Portal::ServerError(const Request& request, int status, const std::string& message) const {
    Response response;
    response.status = status;
    if (IsApiPath(request.path.empty() ? request.target : request.path) || !templates_.Has("error")) {
        response.content_type = "application/json";
        response.body = nlohmann::json{{"error", message}, {"status", status}}.dump();
        return response;
    }
    PageData data;
    data.set("message", message);
    data.set("status", std::to_string(status));
    return RenderPage(Principal(), request, "error", "There is a problem", data, status);
}

Response Portal::RenderPage(const Principal& principal, const Request& request, const std::string& template_name,
                            const std::string& title, const PageData& data, int status) const {
    (void)request;
    Response response;
    response.status = status;
    PageData page;
    auto body = templates_.Render(template_name, data);
    if (!body) {
        response.status = 500;
        response.body = "<!DOCTYPE html><title>Error</title><p>This page cannot be shown.</p>";
        return response;
    }
    page.set("title", title);
    page.set("content", *body);
    page.set("signed_in", principal.signed_in() && !principal.second_factor_due);
    page.set("user_name", principal.display_name);
    page.set("organisation", principal.organisation);
    page.set("csrf", principal.csrf_token);
    page.set("demo", options_.demo);
    page.set("second_factor_off", principal.second_factor_off);
    page.set("is_provider",
             principal.role == service::Role::kProviderSubmitter || principal.role == service::Role::kProviderViewer);
    page.set("is_submitter", principal.role == service::Role::kProviderSubmitter);  // a viewer cannot submit
    auto html = templates_.Render("layout", page);
    response.body = html ? *html : *body;
    return response;
}

}  // namespace did::http
