// The portal over real HTTP: the headers every response carries, the session cookie, signing
// in with an authenticator app, CSRF, each outcome of the submission API with its status, and
// a request log that never holds a patient value.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>

#include "integration/portal_server.hpp"
#include "integration/process.hpp"
#include "service/totp.hpp"

namespace did::testing {
namespace {

const std::string kPassword = "portal http test passphrase";

int64_t Now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string LastMonth() {
    return did::testing::Run("date -d \"$(date +%Y-%m-15) -1 month\" +%Y-%m").out.substr(0, 7);
}

class PortalHttpTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new std::string(MakeTempDir("portal_http"));
        server_ = new PortalServer(*dir_, "", "--demo");
        AddUser(server_->database_url(), "sam", "RXX", "provider_submitter", kPassword);
        AddUser(server_->database_url(), "alex", "RXX", "provider_submitter", kPassword, /*second_factor=*/true);
        period_ = new std::string(LastMonth());
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }

    // An API token of RXX, made through the tokens page.
    static std::string Token() {
        HttpClient client(server_->port());
        EXPECT_TRUE(SignIn(client, "sam", kPassword));
        const auto page = client.Get("/providers/RXX/api-tokens");
        const auto made = client.PostForm("/providers/RXX/api-tokens",
                                          {{"csrf", FormValue(page.body, "csrf")}, {"name", "RIS"}, {"days", "2"}});
        std::smatch match;
        const std::string body = made.body;
        EXPECT_TRUE(std::regex_search(body, match, std::regex("(did_[A-Za-z0-9_-]+)")));
        return match[1].str();
    }

    static std::string Generate(const std::string& name, int rows, const std::string& extra = "") {
        const std::string path = *dir_ + "/" + name;
        did::testing::Run(std::string(DID_BINARY) + " generate --rows " + std::to_string(rows) +
                          " --provider RXX --period " + *period_ + " " + extra + " > " + path + " 2>/dev/null");
        return path;
    }

    static HttpResponse Put(HttpClient& client, const std::string& token, const std::string& period,
                            const std::string& body, const std::string& query = "") {
        return client.Send("PUT", "/api/v1/submissions/RXX/" + period + query, body,
                           {{"Authorization", "Bearer " + token}, {"Content-Type", "text/csv"}});
    }

    static inline std::string* dir_ = nullptr;
    static inline PortalServer* server_ = nullptr;
    static inline std::string* period_ = nullptr;
};

TEST_F(PortalHttpTest, EveryKindOfResponseCarriesTheSecurityHeaders) {
    HttpClient client(server_->port());
    for (const std::string target : {"/sign-in", "/healthz", "/assets/portal.css", "/no/such/page", "/api/v1/timetable",
                                     "/assets/nhsuk/nhsuk.min.css"}) {
        const auto response = client.Get(target);
        ASSERT_NE(response.status, 0) << target;
        const std::string csp = response.Header("content-security-policy");
        EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << target;
        EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << target;
        EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << target;
        EXPECT_NE(response.Header("strict-transport-security").find("max-age="), std::string::npos) << target;
        EXPECT_EQ(response.Header("x-content-type-options"), "nosniff") << target;
        EXPECT_EQ(response.Header("referrer-policy"), "no-referrer") << target;
        const bool asset = target.starts_with("/assets/");
        EXPECT_EQ(response.Header("cache-control") == "no-store", !asset) << target;
    }
}

TEST_F(PortalHttpTest, TheSessionCookieIsHostOnlySecureHttpOnlyStrictAndNewAtSignIn) {
    HttpClient client(server_->port());
    const auto form = client.Get("/sign-in");
    const auto posted =
        client.PostForm("/sign-in", {{"csrf", FormValue(form.body, "csrf")}, {"name", "sam"}, {"password", kPassword}});
    ASSERT_EQ(posted.status, 303);
    std::string cookie;
    for (auto [it, end] = posted.headers.equal_range("set-cookie"); it != end; ++it) {
        if (it->second.starts_with("__Host-did-session=")) cookie = it->second;
    }
    ASSERT_FALSE(cookie.empty());
    for (const char* attribute : {"; Path=/", "; Secure", "; HttpOnly", "; SameSite=Strict"}) {
        EXPECT_NE(cookie.find(attribute), std::string::npos) << attribute;
    }
    EXPECT_EQ(cookie.find("Domain"), std::string::npos);
    const std::string first = client.Cookie("__Host-did-session");
    ASSERT_TRUE(SignIn(client, "sam", kPassword));
    EXPECT_NE(client.Cookie("__Host-did-session"), first);
}

TEST_F(PortalHttpTest, SigningInWithAnAuthenticatorAppFromEnrolmentToSignOut) {
    HttpClient client(server_->port());
    const auto form = client.Get("/sign-in");
    auto step = client.PostForm("/sign-in",
                                {{"csrf", FormValue(form.body, "csrf")}, {"name", "alex"}, {"password", kPassword}});
    ASSERT_EQ(step.status, 303);
    ASSERT_EQ(step.Header("location"), "/sign-in/enrol");
    // Half signed in: nothing else opens.
    EXPECT_EQ(client.Get("/providers/RXX/api-tokens").Header("location"), "/sign-in/second-factor");
    const auto enrol = client.Get("/sign-in/enrol");
    ASSERT_EQ(enrol.status, 200);
    EXPECT_NE(enrol.body.find("<svg"), std::string::npos);
    const std::string secret = FormValue(enrol.body, "secret");
    ASSERT_FALSE(secret.empty());
    const std::string csrf = FormValue(enrol.body, "csrf");
    // A wrong code keeps the user on the page.
    EXPECT_EQ(client.PostForm("/sign-in/enrol", {{"csrf", csrf}, {"secret", secret}, {"code", "000000"}}).status, 401);
    const std::string code = service::TotpCode(*service::Base32Decode(secret), Now());
    const auto enrolled = client.PostForm("/sign-in/enrol", {{"csrf", csrf}, {"secret", secret}, {"code", code}});
    ASSERT_EQ(enrolled.status, 200) << enrolled.body.substr(0, 500);
    EXPECT_EQ(std::count(enrolled.body.begin(), enrolled.body.end(), '-') >= 10, true);
    std::smatch recovery;
    ASSERT_TRUE(std::regex_search(enrolled.body, recovery, std::regex("<code>([a-z0-9]{5}-[a-z0-9]{5})</code>")));
    const std::string signed_in = client.Cookie("__Host-did-session");
    EXPECT_EQ(client.Get("/").Header("location"), "/providers/RXX");

    // The recovery codes page is already a signed-in page: its header names the user and its
    // sign-out form carries the new session's token. Signing out there ends the session on the
    // server: the old cookie signs no one in.
    EXPECT_NE(enrolled.body.find("did-account__name"), std::string::npos);
    EXPECT_EQ(client.PostForm("/sign-out", {{"csrf", FormValue(enrolled.body, "csrf")}}).status, 303);
    HttpClient replay(server_->port());
    replay.SetCookie("__Host-did-session", signed_in);
    EXPECT_EQ(replay.Get("/providers/RXX/api-tokens").Header("location"), "/sign-in");

    // Next time, a recovery code in place of the app's code.
    HttpClient again(server_->port());
    const auto form2 = again.Get("/sign-in");
    ASSERT_EQ(
        again.PostForm("/sign-in", {{"csrf", FormValue(form2.body, "csrf")}, {"name", "alex"}, {"password", kPassword}})
            .Header("location"),
        "/sign-in/second-factor");
    const auto second = again.Get("/sign-in/second-factor");
    const auto done = again.PostForm("/sign-in/second-factor",
                                     {{"csrf", FormValue(second.body, "csrf")}, {"code", recovery[1].str()}});
    EXPECT_EQ(done.status, 303);
    EXPECT_EQ(done.Header("location"), "/");
}

TEST_F(PortalHttpTest, AChangeWithoutTheFormsTokenIsRefused) {
    HttpClient client(server_->port());
    ASSERT_TRUE(SignIn(client, "sam", kPassword));
    EXPECT_EQ(client.PostForm("/providers/RXX/api-tokens", {{"name", "x"}, {"days", "3"}}).status, 403);
    EXPECT_EQ(client.PostForm("/providers/RXX/api-tokens", {{"csrf", "forged"}, {"name", "x"}, {"days", "3"}}).status,
              403);
    // The sign-in form needs the cookie it set.
    HttpClient fresh(server_->port());
    EXPECT_EQ(fresh.PostForm("/sign-in", {{"csrf", "guess"}, {"name", "sam"}, {"password", kPassword}}).status, 403);
}

TEST_F(PortalHttpTest, EachOutcomeOfThePutHasItsOwnStatus) {
    const std::string token = Token();
    HttpClient api(server_->port());
    const std::string big = ReadText(Generate("big.csv", 400));
    const auto stored = Put(api, token, *period_, big, "?file_name=big.csv");
    ASSERT_EQ(stored.status, 201) << stored.body.substr(0, 400);
    const auto json = nlohmann::json::parse(stored.body);
    EXPECT_EQ(json["result"], "stored");
    EXPECT_EQ(json["report"]["records"]["total"], 400);
    EXPECT_EQ(json["receipt"]["records"], 400);

    EXPECT_EQ(Put(api, token, *period_, big).status, 200);  // already received
    EXPECT_EQ(nlohmann::json::parse(Put(api, token, *period_, big).body)["result"], "already received");

    const std::string small = ReadText(Generate("small.csv", 40));
    const auto dry = Put(api, token, *period_, small, "?dry_run=true");
    EXPECT_EQ(dry.status, 200);
    EXPECT_EQ(nlohmann::json::parse(dry.body)["would_be"], "held back");
    EXPECT_EQ(Put(api, token, *period_, small).status, 409);  // held back
    EXPECT_EQ(Put(api, token, *period_, small, "?confirm_drop=true").status, 201);

    EXPECT_EQ(Put(api, token, "2030-01", small).status, 403);                     // refused: the window is not open
    EXPECT_EQ(Put(api, token, *period_, "not a DID file at all\n").status, 400);  // file rejected
    EXPECT_EQ(Put(api, token, "2026-13", small).status, 400);

    // The same upload sent in chunks.
    const std::string chunked_file = ReadText(Generate("chunked.csv", 50, "--seed 7"));
    std::string body;
    for (size_t at = 0; at < chunked_file.size(); at += 1000) {
        const std::string piece = chunked_file.substr(at, 1000);
        char size[16];
        std::snprintf(size, sizeof size, "%zx", piece.size());
        body += std::string(size) + "\r\n" + piece + "\r\n";
    }
    body += "0\r\n\r\n";
    const auto chunked = api.Send("PUT", "/api/v1/submissions/RXX/" + *period_, body,
                                  {{"Authorization", "Bearer " + token}, {"Transfer-Encoding", "chunked"}});
    EXPECT_EQ(chunked.status, 201) << chunked.body.substr(0, 300);

    // Reading back: the month's submissions, one, its findings, the timetable.
    const auto list = api.Get("/api/v1/submissions/RXX/" + *period_, {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(list.status, 200);
    const auto submissions = nlohmann::json::parse(list.body)["submissions"];
    EXPECT_GE(submissions.size(), 3u);
    const std::string id = std::to_string(submissions.back()["id"].get<int64_t>());
    EXPECT_EQ(api.Get("/api/v1/submissions/RXX/" + *period_ + "/" + id, {{"Authorization", "Bearer " + token}}).status,
              200);
    const auto findings = api.Get("/api/v1/submissions/RXX/" + *period_ + "/" + id + "/findings.csv",
                                  {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(findings.status, 200);
    EXPECT_TRUE(findings.body.starts_with("line,site_code,accession_number,field,rule,severity,value,message\n"));
    EXPECT_EQ(findings.Header("cache-control"), "no-store");
    EXPECT_EQ(api.Get("/api/v1/timetable", {{"Authorization", "Bearer " + token}}).status, 200);
    EXPECT_EQ(api.Get("/api/v1/timetable", {{"Authorization", "Bearer did_forged"}}).status, 401);
}

TEST_F(PortalHttpTest, TheRequestLogHoldsRoutesNotValues) {
    const std::string token = Token();
    HttpClient api(server_->port());
    const std::string file = ReadText(Generate("logged.csv", 30, "--seed 11"));
    ASSERT_EQ(Put(api, token, *period_, file, "?file_name=secret-name.csv&dry_run=true").status, 200);
    const std::string log = ReadText(server_->log_path());
    EXPECT_NE(log.find("PUT /api/v1/submissions/{organisation}/{period} 200"), std::string::npos);
    EXPECT_EQ(log.find("secret-name"), std::string::npos);
    EXPECT_EQ(log.find(token), std::string::npos);
    // No NHS number of the file (the first field of each record) appears.
    size_t line_start = file.find('\n') + 1;
    for (int i = 0; i < 10 && line_start < file.size(); ++i) {
        const std::string nhs = file.substr(line_start, file.find(',', line_start) - line_start);
        if (nhs.size() == 10) {
            EXPECT_EQ(log.find(nhs), std::string::npos) << nhs;
        }
        line_start = file.find('\n', line_start) + 1;
    }
}

TEST_F(PortalHttpTest, ADemonstrationSaysSoOnEveryPage) {
    HttpClient client(server_->port());
    EXPECT_NE(client.Get("/sign-in").body.find("demonstration"), std::string::npos);
    ASSERT_TRUE(SignIn(client, "sam", kPassword));
    EXPECT_NE(client.Get("/providers/RXX/api-tokens").body.find("demonstration"), std::string::npos);
}

}  // namespace
}  // namespace did::testing
