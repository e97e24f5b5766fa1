// `did serve` serving HTTPS itself (--tls-cert, --tls-key) with a throwaway certificate, checked
// with curl, and refusing plain HTTP on that port; and behind a reverse proxy (--behind-proxy):
// the client the proxy names in X-Forwarded-For is the one the audit log records, but only
// when the request comes from that proxy's address.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "integration/portal_server.hpp"
#include "integration/process.hpp"
#include "integration/server_kit.hpp"

namespace {

using did::testing::HttpClient;
using did::testing::PortalServer;

did::testing::ProcessResult Shell(const std::string& command) {
    return did::testing::Run(command);
}

constexpr const char* kPassword = "correct horse battery staple";

class ServerTlsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = did::testing::MakeTempDir("did_server_tls");
        database_url_ = "sqlite:" + dir_ + "/did.sqlite";
        ASSERT_EQ(did::testing::DidOn(database_url_, "db migrate").exit_code, 0);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    // The client address of the newest failed sign-in in the audit log.
    std::string LastFailureOrigin() const {
        const auto r = did::testing::DidOn(database_url_, "audit list --format json");
        std::string origin;
        for (const auto& entry : nlohmann::json::parse(r.out)) {
            if (entry.at("action") == "user.sign_in_failed") origin = entry.at("origin").get<std::string>();
        }
        return origin;
    }

    // A wrong password through the pages, with `headers` on the POST; each time for another
    // user, so that the throttle never asks to wait.
    void FailToSignIn(int port, const std::map<std::string, std::string>& headers) {
        const std::string name = "user" + std::to_string(++users_);
        did::testing::AddUser(database_url_, name, "RXX", "provider_viewer", kPassword);
        HttpClient client(port);
        const auto form = client.Get("/sign-in");
        const auto r = client.PostForm(
            "/sign-in",
            {{"csrf", did::testing::FormValue(form.body, "csrf")}, {"name", name}, {"password", "not the password"}},
            headers);
        EXPECT_EQ(r.status, 401);
        EXPECT_NE(r.body.find("The user name or password is not right."), std::string::npos);
    }

    std::string dir_;
    std::string database_url_;
    int users_ = 0;
};

TEST_F(ServerTlsTest, ServesHttpsWithItsCertificateAndNotPlainHttp) {
    if (Shell("command -v openssl curl >/dev/null 2>&1").exit_code != 0) {
        FAIL() << "openssl and curl are needed on this machine";
    }
    const std::string cert = dir_ + "/cert.pem";
    const std::string key = dir_ + "/key.pem";
    // A name for 127.0.0.1 as well as localhost, so that curl accepts it for the address.
    const auto made = Shell(
        "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 "
        "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout '" +
        key + "' -out '" + cert + "' 2>&1");
    ASSERT_EQ(made.exit_code, 0) << made.out;
    PortalServer server(dir_, database_url_, "--tls-cert '" + cert + "' --tls-key '" + key + "'");
    const std::string port = std::to_string(server.port());

    auto r = Shell("curl -sS --max-time 20 --cacert '" + cert + "' -o - -w ' %{http_code}' https://127.0.0.1:" + port +
                   "/healthz 2>&1");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("\"status\":\"ok\""), std::string::npos) << r.out;
    EXPECT_TRUE(r.out.ends_with(" 200")) << r.out;
    // The certificate is what makes it trusted: without it curl refuses.
    r = Shell("curl -sS --max-time 20 -o /dev/null https://127.0.0.1:" + port + "/healthz 2>&1");
    EXPECT_NE(r.exit_code, 0) << r.out;

    // Plain HTTP on the TLS port is not answered as HTTP.
    const auto plain =
        did::testing::RawExchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", std::chrono::seconds(15));
    EXPECT_NE(plain.status, 200) << plain.text.substr(0, 200);
    EXPECT_EQ(plain.text.find("\"status\":\"ok\""), std::string::npos);
    EXPECT_TRUE(plain.closed);
    r = Shell("curl -sS --max-time 20 -o /dev/null -w '%{http_code}' http://127.0.0.1:" + port + "/healthz 2>&1");
    EXPECT_EQ(r.out.find("200"), std::string::npos) << r.out;

    // And HTTPS still works after that.
    r = Shell("curl -sS --max-time 20 --cacert '" + cert +
              "' -o /dev/null -w '%{http_code}' https://127.0.0.1:" + port + "/healthz 2>&1");
    EXPECT_EQ(r.out, "200");
    EXPECT_EQ(server.Stop(), 0);
}

TEST_F(ServerTlsTest, BehindTheProxyTheForwardedClientIsRecordedAndOtherwiseIgnored) {
    const std::map<std::string, std::string> forwarded{{"X-Forwarded-For", "203.0.113.9"},
                                                       {"X-Forwarded-Proto", "https"}};
    {
        PortalServer proxied(dir_, database_url_, "--behind-proxy 127.0.0.1");
        FailToSignIn(proxied.port(), forwarded);
        EXPECT_EQ(LastFailureOrigin(), "203.0.113.9");
        // A proxy adds the address it saw at the end: that one, not what the client claimed.
        FailToSignIn(proxied.port(), {{"X-Forwarded-For", "198.51.100.7, 203.0.113.10"}});
        EXPECT_EQ(LastFailureOrigin(), "203.0.113.10");
        // Without the header, the proxy's own address.
        FailToSignIn(proxied.port(), {});
        EXPECT_EQ(LastFailureOrigin(), "127.0.0.1");
    }
    {
        // Not behind a proxy: the header is anyone's to send, and ignored.
        PortalServer direct(dir_, database_url_);
        FailToSignIn(direct.port(), forwarded);
        EXPECT_EQ(LastFailureOrigin(), "127.0.0.1");
    }
    {
        // Behind another proxy: a request from elsewhere is not believed either.
        PortalServer other(dir_, database_url_, "--behind-proxy 10.9.8.7");
        FailToSignIn(other.port(), forwarded);
        EXPECT_EQ(LastFailureOrigin(), "127.0.0.1");
    }
}

}  // namespace
