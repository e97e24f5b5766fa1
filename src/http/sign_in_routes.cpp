// Signing in and out: the password, then the second factor (or, the first time, enrolling an
// authenticator app), each step a page that works without JavaScript. The handlers only read
// the form and set the cookie; what is checked, counted and stored is service/sign_in.
#include "http/context.hpp"
#include "http/cookies.hpp"
#include "http/portal.hpp"
#include "http/qr_svg.hpp"
#include "http/routes.hpp"
#include "service/secret_token.hpp"
#include "service/sign_in.hpp"
#include "service/totp.hpp"

namespace did::http {
namespace {

const AccessRule kPublicRead{Audience::kPublic, {}, "", false, false};
constexpr bool kChanges = true;

std::string SessionToken(const Context& context) {
    return CookieValue(context.request.Header("cookie"), kSessionCookie);
}

// After a step that started a session: the cookie (a new id each time), then the next page.
Response Continue(const Context& context, const service::SignInStep& step) {
    const char* next = step.outcome == service::SignInOutcome::kSecondFactorDue ? "/sign-in/second-factor"
                       : step.outcome == service::SignInOutcome::kEnrolmentDue  ? "/sign-in/enrol"
                                                                                : "/";
    Response response = context.Redirect(next);
    response.headers.emplace_back("Set-Cookie", SetCookie(kSessionCookie, step.session_token));
    return response;
}

Response SignInForm(const Context& context, const std::string& error, const std::string& name, int status) {
    // Before there is a session, the form is tied to the browser by a cookie it echoes.
    std::string form_token = CookieValue(context.request.Header("cookie"), kFormCookie);
    const bool fresh = form_token.empty();
    if (fresh) form_token = service::NewSecretToken();
    PageData data;
    data.set("form_token", form_token);
    if (!error.empty()) data.set("error", error);  // a section opens on any string, even ""
    data.set("name", name);
    data.set("demo_users", context.portal.options().demo);
    Response response = context.Page("sign_in", "Sign in", data, status);
    if (fresh) response.headers.emplace_back("Set-Cookie", SetCookie(kFormCookie, form_token));
    return response;
}

Response SignIn(Context& context) {
    const std::string form_token = CookieValue(context.request.Header("cookie"), kFormCookie);
    if (form_token.empty() || !service::SameSecret(form_token, context.Form("csrf"))) {
        return SignInForm(context, "This form has expired. Enter your user name and password again.", "", 403);
    }
    const std::string name = context.Form("name");
    auto step = service::SignInWithPassword(context.store, name, context.Form("password"), context.request.client,
                                            context.portal.Now());
    if (!step) return context.Error(step.error());
    if (step->outcome == service::SignInOutcome::kRefused || step->outcome == service::SignInOutcome::kWait) {
        return SignInForm(context, step->message, name, step->outcome == service::SignInOutcome::kWait ? 429 : 401);
    }
    return Continue(context, *step);
}

Response SecondFactorForm(const Context& context, const std::string& error, int status) {
    PageData data;
    data.set("csrf", context.principal.csrf_token);
    if (!error.empty()) data.set("error", error);  // a section opens on any string, even ""
    return context.Page("second_factor", "Enter your security code", data, status);
}

Response SecondFactor(Context& context) {
    auto step = service::SignInWithSecondFactor(context.store, SessionToken(context), context.Form("code"),
                                                context.request.client, context.portal.Now());
    if (!step) return context.Error(step.error());
    if (step->outcome == service::SignInOutcome::kRefused || step->outcome == service::SignInOutcome::kWait) {
        return SecondFactorForm(context, step->message, step->outcome == service::SignInOutcome::kWait ? 429 : 401);
    }
    return Continue(context, *step);
}

Response EnrolForm(const Context& context, const std::string& secret, const std::string& error, int status) {
    PageData data;
    data.set("csrf", context.principal.csrf_token);
    data.set("secret", secret);
    if (!error.empty()) data.set("error", error);  // a section opens on any string, even ""
    auto svg =
        QrSvg(service::OtpauthUri("DID Collect", context.principal.name, secret), "QR code for your authenticator app");
    data.set("qr_svg", svg ? *svg : std::string());
    return context.Page("enrol", "Set up your authenticator app", data, status);
}

Response Enrol(Context& context) {
    const std::string secret = context.Form("secret");
    auto step = service::CompleteEnrolment(context.store, SessionToken(context), secret, context.Form("code"),
                                           context.request.client, context.portal.Now());
    if (!step) return context.Error(step.error());
    if (step->outcome != service::SignInOutcome::kSignedIn) {
        return EnrolForm(context, secret, step->message, step->outcome == service::SignInOutcome::kWait ? 429 : 401);
    }
    // The page is the first of the new, signed-in session: its header (the user, the sign-out
    // form with the session's CSRF token) is that session's, not the pending one's.
    auto session = service::ResumeSession(context.store, step->session_token, context.portal.Now());
    if (session && *session) {
        context.principal.second_factor_due = false;
        context.principal.csrf_token = (*session)->csrf_token;
    }
    PageData codes{PageData::type::list};
    for (const auto& code : step->recovery_codes) codes.push_back(PageData(code));
    PageData data;
    data.set("codes", codes);
    Response response = context.Page("recovery_codes", "Save your recovery codes", data);
    response.headers.emplace_back("Set-Cookie", SetCookie(kSessionCookie, step->session_token));
    return response;
}

Response SignOut(Context& context) {
    (void)service::SignOut(context.store, SessionToken(context), context.request.client);
    Response response = context.Redirect("/sign-in");
    response.headers.emplace_back("Set-Cookie", ClearCookie(kSessionCookie));
    return response;
}

// The home page: a provider's own; others have theirs with the central team's pages.
Response Home(Context& context) {
    const auto role = context.principal.role;
    if (role == service::Role::kProviderSubmitter || role == service::Role::kProviderViewer) {
        return context.Redirect("/providers/" + context.principal.organisation);
    }
    PageData data;
    data.set("central", role == service::Role::kCentralAdministrator);
    return context.Page("home_other", "DID Collect", data);
}

}  // namespace

void AddSignInRoutes(RouteTable& routes) {
    routes.Add({"GET",
                "/",
                {Audience::kSignedIn, {}, "", false, false},
                Home,
                BodyKind::kSmall,
                "The home page: a provider's own, or the user's"});
    routes.Add({"GET", "/sign-in", kPublicRead,
                [](Context& context) {
                    // Already signed in: nothing to do here.
                    if (context.principal.signed_in() && !context.principal.second_factor_due) {
                        return context.Redirect("/");
                    }
                    return SignInForm(context, "", "", 200);
                },
                BodyKind::kSmall, "The sign-in form"});
    routes.Add({"POST",
                "/sign-in",
                {Audience::kPublic, {}, "", false, kChanges},
                SignIn,
                BodyKind::kSmall,
                "Checks the user name and password"});
    routes.Add({"GET",
                "/sign-in/second-factor",
                {Audience::kSecondFactor, {}, "", false, false},
                [](Context& context) { return SecondFactorForm(context, "", 200); },
                BodyKind::kSmall,
                "The form for the authenticator app's code"});
    routes.Add({"POST",
                "/sign-in/second-factor",
                {Audience::kSecondFactor, {}, "", false, kChanges},
                SecondFactor,
                BodyKind::kSmall,
                "Checks the code and signs in"});
    routes.Add({"GET",
                "/sign-in/enrol",
                {Audience::kSecondFactor, {}, "", false, false},
                [](Context& context) { return EnrolForm(context, service::NewTotpSecret(), "", 200); },
                BodyKind::kSmall,
                "Sets up an authenticator app (QR code)"});
    routes.Add({"POST",
                "/sign-in/enrol",
                {Audience::kSecondFactor, {}, "", false, kChanges},
                Enrol,
                BodyKind::kSmall,
                "Checks the first code, keeps the app's key and shows the recovery codes"});
    routes.Add({"POST",
                "/sign-out",
                {Audience::kSignedIn, {}, "", false, kChanges},
                SignOut,
                BodyKind::kSmall,
                "Ends the session on the server"});
}

}  // namespace did::http
