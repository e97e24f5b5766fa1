// The authorisation matrix, generated from the server's own route table: every route × every
// role (and an API token, and no one) × the user's own organisation and another's. What each
// cell must answer is worked out here from the route's rule, independently of the portal's
// code: signed out, a page sends you to sign in and the API says 401; a role without access
// gets 403; another organisation's address gets 404, as one that does not exist; otherwise the
// route answers (whatever its handler says of the input, never 401, 403 or 404). A route whose
// rule is incomplete, or whose path has a parameter this test cannot fill, fails.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "http/portal.hpp"
#include "http/route_table.hpp"
#include "integration/portal_server.hpp"
#include "integration/process.hpp"
#include "service/accounts.hpp"

namespace did::testing {
namespace {

using http::Audience;
using service::Role;

const std::string kPassword = "matrix test passphrase";
const std::string kOwn = "RXX";
const std::string kOther = "RYY";

struct Caller {
    std::string label;
    std::optional<Role> role;  // none: an API token (when token is set) or no one
    bool token = false;
};

std::vector<Caller> Callers() {
    std::vector<Caller> callers;
    for (Role role : {Role::kProviderSubmitter, Role::kProviderViewer, Role::kGpPracticeUser, Role::kAnalyst,
                      Role::kCentralAdministrator}) {
        callers.push_back({std::string(service::RoleName(role)), role, false});
    }
    callers.push_back({"api_token", std::nullopt, true});
    callers.push_back({"signed_out", std::nullopt, false});
    return callers;
}

const http::RouteTable& Routes() {
    static std::unique_ptr<http::Portal> portal = [] {
        http::PortalOptions options;
        options.web_root = std::string(DID_SOURCE_DIR) + "/web";
        auto created = http::Portal::Create(options);
        if (!created) throw std::runtime_error(created.error().message);
        return std::move(*created);
    }();
    return portal->routes();
}

std::string CurrentPeriodForSubmission() {
    // The last month: its window is open from the first of this month.
    const auto out = did::testing::Run("date -d \"$(date +%Y-%m-15) -1 month\" +%Y-%m").out;
    return out.substr(0, 7);
}

class PortalAccessTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new std::string(MakeTempDir("portal_access"));
        server_ = new PortalServer(*dir_);
        const std::string db = server_->database_url();
        period_ = new std::string(CurrentPeriodForSubmission());
        for (const auto& caller : Callers()) {
            if (!caller.role) continue;
            const std::string org = *caller.role == Role::kGpPracticeUser ? "A81001"
                                    : *caller.role == Role::kAnalyst || *caller.role == Role::kCentralAdministrator
                                        ? "X26"
                                        : kOwn;
            AddUser(db, caller.label, org, caller.label, kPassword);
        }
        // A submission of each organisation, and API tokens: one to call with, one per
        // organisation to revoke.
        ids_ = new std::map<std::string, std::string>();
        tokens_ = new std::map<std::string, std::string>();
        for (const std::string& org : {kOwn, kOther}) {
            const std::string file = *dir_ + "/" + org + ".csv";
            did::testing::Run(std::string(DID_BINARY) + " generate --rows 20 --provider " + org + " --period " +
                              *period_ + " > " + file + " 2>/dev/null");
            const auto submitted =
                did::testing::Run(std::string(DID_BINARY) + " submit --provider " + org + " --period " + *period_ +
                                  " " + file + " --format json --db '" + db + "' 2>&1");
            std::smatch match;
            if (!std::regex_search(submitted.out, match, std::regex("\"submission\":([0-9]+)"))) {
                throw std::runtime_error("setup: did submit failed: " + submitted.out);
            }
            (*ids_)["submission:" + org] = match[1].str();
        }
        HttpClient admin(server_->port());
        if (!SignIn(admin, "central_administrator", kPassword)) throw std::runtime_error("setup: sign-in failed");
        for (const std::string& name :
             {std::string("call:") + kOwn, std::string("revoke:") + kOwn, std::string("revoke:") + kOther}) {
            const std::string org = name.substr(name.find(':') + 1);
            const auto page = admin.Get("/providers/" + org + "/api-tokens");
            const auto made = admin.PostForm("/providers/" + org + "/api-tokens",
                                             {{"csrf", FormValue(page.body, "csrf")}, {"name", name}, {"days", "5"}});
            std::smatch match;
            if (!std::regex_search(made.body, match, std::regex("(did_[A-Za-z0-9_-]+)"))) {
                throw std::runtime_error("setup: token not made: " + made.body.substr(0, 300));
            }
            (*tokens_)[name] = match[1].str();
            // The one just made is listed last.
            const std::string listed = admin.Get("/providers/" + org + "/api-tokens").body;
            const std::regex revoke("api-tokens/([0-9]+)/revoke");
            for (auto it = std::sregex_iterator(listed.begin(), listed.end(), revoke); it != std::sregex_iterator();
                 ++it) {
                (*ids_)["token:" + name] = (*it)[1].str();
            }
        }
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }

    // The route's path with every parameter filled for `org`; fails on one it cannot fill.
    static std::string Fill(const http::Route& route, const std::string& org) {
        std::string path = route.pattern;
        const std::regex parameter("\\{([a-z_]+)(\\.\\.\\.)?\\}");
        std::smatch match;
        while (std::regex_search(path, match, parameter)) {
            const std::string name = match[1].str();
            std::string value;
            if (name == "organisation") {
                value = org;
            } else if (name == "period") {
                value = *period_;
            } else if (name == "id" && route.pattern.find("api-tokens") != std::string::npos) {
                // The newest token of `org` to revoke (the one listed last).
                value = org == kOwn ? (*ids_)["token:revoke:" + kOwn] : (*ids_)["token:revoke:" + kOther];
            } else if (name == "id") {
                value = (*ids_)["submission:" + org];
            } else if (name == "path") {
                value = "portal.css";
            } else if (name == "table") {
                value = "table1";
            } else {
                ADD_FAILURE() << route.method << " " << route.pattern << ": the matrix has no value for {" << name
                              << "}; add one to PortalAccessTest::Fill";
                value = "x";
            }
            path.replace(static_cast<size_t>(match.position(0)), static_cast<size_t>(match.length(0)), value);
        }
        return path;
    }

    static inline std::string* dir_ = nullptr;
    static inline PortalServer* server_ = nullptr;
    static inline std::string* period_ = nullptr;
    static inline std::map<std::string, std::string>* ids_ = nullptr;
    static inline std::map<std::string, std::string>* tokens_ = nullptr;
};

TEST_F(PortalAccessTest, EveryRouteHasACompleteRule) {
    for (const auto& route : Routes().routes()) {
        const auto& rule = route.access;
        if (rule.audience == Audience::kRoles) {
            EXPECT_FALSE(rule.roles.empty()) << route.method << " " << route.pattern << " names no role";
        }
        if (!rule.organisation_param.empty()) {
            EXPECT_NE(route.pattern.find("{" + rule.organisation_param + "}"), std::string::npos)
                << route.pattern << " has no {" << rule.organisation_param << "}";
        }
        if (route.pattern.find("{organisation}") != std::string::npos && rule.audience != Audience::kPublic) {
            EXPECT_EQ(rule.organisation_param, "organisation")
                << route.pattern << " is about an organisation but does not check whose";
        }
        if (route.method != "GET") {
            EXPECT_TRUE(rule.changes_state) << route.method << " " << route.pattern;
        }
        EXPECT_FALSE(route.summary.empty()) << route.pattern;
    }
}

TEST_F(PortalAccessTest, EveryRouteAnswersEveryCallerAsItsRuleSays) {
    std::vector<const http::Route*> routes;
    for (const auto& route : Routes().routes()) routes.push_back(&route);
    // Signing out ends the caller's session: last.
    std::stable_partition(routes.begin(), routes.end(), [](const http::Route* r) { return r->pattern != "/sign-out"; });
    int cells = 0;
    for (const Caller& caller : Callers()) {
        HttpClient client(server_->port());
        std::map<std::string, std::string> headers;
        if (caller.role) {
            ASSERT_TRUE(SignIn(client, caller.label, kPassword)) << caller.label;
            headers["X-CSRF-Token"] = FormValue(client.Get("/providers/" + kOwn + "/api-tokens").body, "csrf");
            if (headers["X-CSRF-Token"].empty()) {
                // Roles without that page: any page with the layout's sign-out form carries the token.
                headers["X-CSRF-Token"] = FormValue(client.Get("/timetable").body, "csrf");
            }
        }
        if (caller.token) headers["Authorization"] = "Bearer " + (*tokens_)[std::string("call:") + kOwn];
        for (const http::Route* route : routes) {
            const auto& rule = route->access;
            for (const std::string& org : {kOwn, kOther}) {
                if (org == kOther && rule.organisation_param.empty()) continue;
                const std::string path = Fill(*route, org);
                auto sent = headers;
                if (route->method != "GET") sent["Content-Type"] = "application/x-www-form-urlencoded";
                const HttpResponse response = client.Send(route->method, path, "", sent);
                ++cells;
                const std::string where = caller.label + " " + route->method + " " + path + " -> " +
                                          std::to_string(response.status) + " " + response.body.substr(0, 160);
                const bool api = path.starts_with("/api/");
                const bool session = caller.role.has_value();
                if (rule.audience == Audience::kPublic) {
                    EXPECT_NE(response.status, 401) << where;
                    EXPECT_NE(response.Header("location"), "/sign-in") << where;
                    continue;
                }
                if (rule.audience == Audience::kSecondFactor) {
                    EXPECT_EQ(response.status, 303) << where;  // nobody here owes a second factor
                    continue;
                }
                const bool role_ok = rule.audience == Audience::kSignedIn ? session
                                                                          : (session ? rule.roles.contains(*caller.role)
                                                                                     : caller.token && rule.api_token);
                if (!session && !caller.token) {
                    if (api) {
                        EXPECT_EQ(response.status, 401) << where;
                    } else {
                        EXPECT_EQ(response.status, 303) << where;
                        EXPECT_EQ(response.Header("location"), "/sign-in") << where;
                    }
                } else if (!role_ok) {
                    EXPECT_EQ(response.status, 403) << where;
                } else if (org == kOther && !rule.organisation_param.empty() &&
                           caller.role != Role::kCentralAdministrator) {
                    EXPECT_EQ(response.status, 404) << where;
                } else {
                    EXPECT_NE(response.status, 401) << where;
                    EXPECT_NE(response.status, 403) << where;
                    EXPECT_NE(response.status, 404) << where;
                    if (route->pattern != "/sign-out") {
                        EXPECT_NE(response.Header("location"), "/sign-in") << where;
                    }
                }
            }
        }
    }
    EXPECT_GT(cells, 100);
}

TEST_F(PortalAccessTest, AnotherOrganisationsAddressLooksLikeOneThatDoesNotExist) {
    HttpClient client(server_->port());
    ASSERT_TRUE(SignIn(client, "provider_submitter", kPassword));
    const auto other = client.Get("/api/v1/submissions/" + kOther + "/" + *period_ + "/" + (*ids_)["submission:RYY"]);
    const auto missing = client.Get("/api/v1/submissions/" + kOwn + "/" + *period_ + "/999999");
    EXPECT_EQ(other.status, 404);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(other.body, missing.body);
}

}  // namespace
}  // namespace did::testing
