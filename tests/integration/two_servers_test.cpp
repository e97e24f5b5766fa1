// Two `did serve` processes on one PostgreSQL database, as behind a load balancer: a session
// begun on one is good on the other and ended on either; files sent to both at once are stored
// whole, the same provider's one after the other under the service's lock; sign-in failures
// are counted in the database, so a lock-out on one is a lock-out on both. Skipped without
// $DID_TEST_POSTGRES_URL (failed instead when $DID_REQUIRE_POSTGRES=1).

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "integration/portal_server.hpp"
#include "integration/process.hpp"
#include "integration/server_kit.hpp"
#include "store/store.hpp"
#include "store/test_databases.hpp"

namespace {

using did::testing::HttpClient;
using did::testing::HttpResponse;
using did::testing::PortalServer;

constexpr const char* kPassword = "correct horse battery staple";

class TwoServersTest : public ::testing::Test {
  protected:
    void SetUp() override {
        database_ = std::make_unique<did::store::TestDatabase>(did::store::Backend::kPostgres);
        if (database_->url().empty()) {
            if (database_->required()) FAIL() << database_->skip_reason();
            GTEST_SKIP() << database_->skip_reason();
        }
        dir_ = did::testing::MakeTempDir("did_two_servers");
        for (const char* sub : {"a", "b"}) std::filesystem::create_directories(dir_ + "/" + sub);
        did::testing::SetUpCollection(dir_, url());
        did::testing::AddUser(url(), "sub.rxx", "RXX", "provider_submitter", kPassword);
        did::testing::AddUser(url(), "sub.ryj", "RYJ", "provider_submitter", kPassword);
        period_ = did::testing::OpenPeriod();
        a_ = std::make_unique<PortalServer>(dir_ + "/a", url());
        b_ = std::make_unique<PortalServer>(dir_ + "/b", url());
    }
    void TearDown() override {
        a_.reset();
        b_.reset();
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }
    const std::string& url() const { return database_->url(); }

    std::unique_ptr<did::store::TestDatabase> database_;
    std::string dir_;
    std::string period_;
    std::unique_ptr<PortalServer> a_;
    std::unique_ptr<PortalServer> b_;
};

bool SentToSignIn(const HttpResponse& r) {
    return r.status == 303 && r.Header("location") == "/sign-in";
}

TEST_F(TwoServersTest, ASessionBegunOnOneIsGoodOnTheOtherAndEndedOnEither) {
    HttpClient on_a(a_->port());
    ASSERT_TRUE(did::testing::SignIn(on_a, "sub.rxx", kPassword));
    const std::string session = on_a.Cookie("__Host-did-session");
    ASSERT_FALSE(session.empty());
    HttpClient on_b(b_->port());
    EXPECT_TRUE(SentToSignIn(on_b.Get("/providers/RXX/submit")));  // not yet
    on_b.SetCookie("__Host-did-session", session);
    HttpResponse page = on_b.Get("/providers/RXX/submit");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Submit a file"), std::string::npos);
    // The session's CSRF token is the same on both: a form from one may be posted to the other.
    const std::string csrf = did::testing::SessionCsrf(on_b, "RXX");
    EXPECT_EQ(csrf, did::testing::SessionCsrf(on_a, "RXX"));
    ASSERT_FALSE(csrf.empty());

    // Signed out on B: ended on A too.
    const HttpResponse out = on_b.PostForm("/sign-out", {{"csrf", csrf}});
    EXPECT_TRUE(SentToSignIn(out)) << out.status;
    EXPECT_TRUE(SentToSignIn(on_a.Get("/providers/RXX/submit")));
    HttpClient again(b_->port());
    again.SetCookie("__Host-did-session", session);
    EXPECT_TRUE(SentToSignIn(again.Get("/providers/RXX/submit")));
}

TEST_F(TwoServersTest, FilesSentToBothAtOnceAreStoredWhole) {
    constexpr int kRows = 20000;
    std::map<std::string, std::string> tokens;
    for (const auto& [provider, user] : {std::pair{"RXX", "sub.rxx"}, std::pair{"RYJ", "sub.ryj"}}) {
        HttpClient browser(a_->port());
        ASSERT_TRUE(did::testing::SignIn(browser, user, kPassword));
        tokens[provider] = did::testing::MakeApiToken(browser, provider);
    }
    struct Sent {
        int port;
        std::string provider;
        std::string body;
        int status = 0;
    };
    // RXX twice (one file on each server), RYJ once on each: the same provider's files wait
    // for each other under the service's lock, the other provider's go alongside.
    std::vector<Sent> sends{
        {a_->port(), "RXX", "", 0}, {b_->port(), "RXX", "", 0}, {a_->port(), "RYJ", "", 0}, {b_->port(), "RYJ", "", 0}};
    for (size_t i = 0; i < sends.size(); ++i) {
        sends[i].body = did::testing::ReadText(did::testing::GenerateSubmission(
            dir_, "file" + std::to_string(i) + ".csv", kRows, static_cast<int>(i) + 1, sends[i].provider));
    }
    std::vector<std::thread> threads;
    for (auto& s : sends) {
        threads.emplace_back([&s, &tokens, this] {
            HttpClient client(s.port);
            s.status = client
                           .Send("PUT", "/api/v1/submissions/" + s.provider + "/" + period_ + "?confirm_drop=true",
                                 s.body, {{"Authorization", "Bearer " + tokens[s.provider]}})
                           .status;
        });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& s : sends) EXPECT_EQ(s.status, 201) << s.provider << " on port " << s.port;

    const auto listed = did::testing::DidOn(url(), "submissions --period " + period_ + " --format json");
    ASSERT_EQ(listed.exit_code, 0) << listed.out;
    const auto submissions = nlohmann::json::parse(listed.out);
    ASSERT_EQ(submissions.size(), 4u) << listed.out;
    auto store = did::store::Store::Open(url());
    ASSERT_TRUE(store) << store.error().message;
    std::map<std::string, int> current;
    std::map<std::string, int> superseded;
    for (const auto& s : submissions) {
        EXPECT_EQ(s.at("records").get<int>(), kRows);
        auto records = (*store)->db().QueryOne("SELECT COUNT(*) FROM records WHERE submission_id = ?",
                                               {s.at("id").get<int64_t>()});
        ASSERT_TRUE(records) << records.error().message;
        EXPECT_EQ((*records)->Int(0), s.at("accepted").get<int64_t>()) << "submission " << s.at("id");
        const std::string provider = s.at("provider");
        if (s.at("status") == "current") ++current[provider];
        if (s.at("status") == "superseded") ++superseded[provider];
    }
    for (const char* provider : {"RXX", "RYJ"}) {
        EXPECT_EQ(current[provider], 1) << provider;
        EXPECT_EQ(superseded[provider], 1) << provider;
    }
    const auto verified = did::testing::DidOn(url(), "audit verify");
    EXPECT_EQ(verified.exit_code, 0) << verified.out;
}

// One password attempt through the pages: the status (401 wrong, 429 wait, 303 signed in) and
// the seconds to wait when told to.
struct Attempt {
    int status = 0;
    int wait_seconds = 0;
    std::string body;
};
Attempt TryPassword(int port, const std::string& name, const std::string& password) {
    HttpClient client(port);
    const HttpResponse form = client.Get("/sign-in");
    const HttpResponse r = client.PostForm(
        "/sign-in", {{"csrf", did::testing::FormValue(form.body, "csrf")}, {"name", name}, {"password", password}});
    Attempt attempt{r.status, 0, r.body};
    std::smatch match;
    static const std::regex kWait("Wait ([0-9]+) (seconds|minutes)");
    if (std::regex_search(r.body, match, kWait)) {
        attempt.wait_seconds = std::stoi(match[1].str()) * (match[2] == "minutes" ? 60 : 1);
    }
    return attempt;
}

TEST_F(TwoServersTest, SignInFailuresOnOneLockTheAccountOnBoth) {
    // Six failures on A (after the third, each try must wait 1, 2, 4 … seconds, as A says); the
    // sixth locks the account for 8 seconds. A server counting on its own would let B in.
    int failures = 0;
    for (int tries = 0; failures < 6 && tries < 30; ++tries) {
        const Attempt attempt = TryPassword(a_->port(), "sub.rxx", "not the password");
        if (attempt.status == 401) {
            ++failures;
        } else {
            ASSERT_EQ(attempt.status, 429);
            std::this_thread::sleep_for(std::chrono::seconds(attempt.wait_seconds + 1));
        }
    }
    ASSERT_EQ(failures, 6);
    const Attempt on_b = TryPassword(b_->port(), "sub.rxx", kPassword);
    EXPECT_EQ(on_b.status, 429) << "B let the locked account in";
    EXPECT_GT(on_b.wait_seconds, 0) << on_b.body;
    // Once the wait is over, the right password works on either.
    std::this_thread::sleep_for(std::chrono::seconds(on_b.wait_seconds + 1));
    EXPECT_EQ(TryPassword(b_->port(), "sub.rxx", kPassword).status, 303);
}

}  // namespace
