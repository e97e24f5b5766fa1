// `did serve` against hostile and broken clients, over raw loopback sockets: bodies over the
// limits (declared or chunked), uploads from callers without the right to send them, headers
// over 16 KiB, slow clients by the hundred, malformed requests, cookies and multipart forms,
// traversal in every path parameter, and a process out of file descriptors. Each answer is a
// refusal, nothing is stored, no upload is left in the spool directory, and the server goes
// on answering /healthz.

#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "integration/portal_server.hpp"
#include "integration/process.hpp"
#include "integration/server_kit.hpp"

namespace {

using did::testing::HttpClient;
using did::testing::PortalServer;
using did::testing::RawExchange;
using did::testing::RawReply;
using Clock = std::chrono::steady_clock;

constexpr const char* kPassword = "correct horse battery staple";

class ServerHostileTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = did::testing::MakeTempDir("did_server_hostile");
        std::filesystem::create_directories(dir_ + "/spool");
        database_url_ = "sqlite:" + dir_ + "/did.sqlite";
        did::testing::SetUpCollection(dir_, database_url_);
        did::testing::AddUser(database_url_, "sub.rxx", "RXX", "provider_submitter", kPassword);
        period_ = did::testing::OpenPeriod();
    }
    void TearDown() override {
        server_.reset();
        std::filesystem::remove_all(dir_);
    }

    void Start(const std::string& extra = "") {
        server_ = std::make_unique<PortalServer>(dir_, database_url_,
                                                 "--max-upload-mib 1 --spool-dir '" + dir_ + "/spool' " + extra);
    }
    int port() const { return server_->port(); }

    // A signed-in browser of RXX's submitter, and its CSRF token.
    HttpClient SignedIn() {
        HttpClient client(port());
        EXPECT_TRUE(did::testing::SignIn(client, "sub.rxx", kPassword));
        return client;
    }

    // One request that asks for the connection to be closed after the answer (so that the
    // reply is read to its end at once).
    std::string Request(const std::string& method, const std::string& target, const std::string& headers,
                        const std::string& body = "") const {
        return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n" +
               body;
    }

    bool Healthy() const { return RawExchange(port(), Request("GET", "/healthz", "")).status == 200; }
    bool SpoolEmpty() const { return std::filesystem::is_empty(dir_ + "/spool"); }
    int Stored() const { return did::testing::CountSubmissions(database_url_, period_); }

    // The server is alive, stored nothing and left nothing behind.
    void ExpectUnharmed(const std::string& when) {
        EXPECT_TRUE(Healthy()) << when;
        EXPECT_EQ(Stored(), 0) << when;
        EXPECT_TRUE(SpoolEmpty()) << when;
        EXPECT_EQ(did::testing::DidOn(database_url_, "audit verify").exit_code, 0) << when;
    }

    std::string dir_;
    std::string database_url_;
    std::string period_;
    std::unique_ptr<PortalServer> server_;
};

// A chunked body of `total` bytes in chunks of `chunk`.
std::string Chunked(size_t total, size_t chunk, char fill) {
    std::string body;
    char size[32];
    for (size_t sent = 0; sent < total; sent += chunk) {
        const size_t n = std::min(chunk, total - sent);
        std::snprintf(size, sizeof size, "%zx\r\n", n);
        body += size + std::string(n, fill) + "\r\n";
    }
    return body + "0\r\n\r\n";
}

TEST_F(ServerHostileTest, BodiesOverTheLimitAre413AndNothingIsStored) {
    Start();
    HttpClient browser = SignedIn();
    const std::string token = did::testing::MakeApiToken(browser, "RXX");
    const std::string bearer = "Authorization: Bearer " + token + "\r\n";
    const std::string put = "/api/v1/submissions/RXX/" + period_;

    // A form route takes 64 KiB: a declared 10 MB is refused before a byte of it is sent.
    RawReply r = RawExchange(port(), Request("POST", "/sign-in",
                                             "Content-Type: application/x-www-form-urlencoded\r\n"
                                             "Content-Length: 10000000\r\n"));
    EXPECT_EQ(r.status, 413) << r.text.substr(0, 300);
    // …and a chunked one, counted as it comes.
    r = RawExchange(port(), Request("POST", "/sign-in",
                                    "Content-Type: application/x-www-form-urlencoded\r\n"
                                    "Transfer-Encoding: chunked\r\n",
                                    Chunked(200 * 1024, 8192, 'a')));
    EXPECT_EQ(r.status, 413) << r.text.substr(0, 300);

    // The upload route takes --max-upload-mib 1: a declared 2 MiB is refused at once, in JSON
    // for the API, whether the body follows or not.
    r = RawExchange(port(), Request("PUT", put, bearer + "Content-Length: 2097152\r\n"));
    EXPECT_EQ(r.status, 413) << r.text.substr(0, 300);
    EXPECT_NE(r.text.find("Content-Type: application/json"), std::string::npos) << r.text.substr(0, 600);
    EXPECT_NE(r.text.find("\"status\":413"), std::string::npos) << r.text.substr(0, 600);
    r = RawExchange(port(), Request("PUT", put, bearer + "Content-Length: 2097152\r\n", std::string(2097152, 'x')));
    EXPECT_EQ(r.status, 413) << r.text.substr(0, 300);
    // With Expect: 100-continue the client is told before it sends anything (no "100 Continue").
    r = RawExchange(port(), Request("PUT", put, bearer + "Content-Length: 2097152\r\nExpect: 100-continue\r\n"));
    EXPECT_EQ(r.status, 413) << r.text.substr(0, 300);
    EXPECT_EQ(r.text.find("100 Continue"), std::string::npos) << r.text.substr(0, 300);

    // A chunked upload whose chunks add up past the limit: refused part-way, nothing stored.
    const std::string file = did::testing::ReadText(did::testing::GenerateSubmission(dir_, "big.csv", 12000, 5));
    ASSERT_GT(file.size(), size_t{1} << 20);
    std::string chunked;
    for (size_t at = 0; at < file.size(); at += 100000) {
        const std::string part = file.substr(at, 100000);
        char size[32];
        std::snprintf(size, sizeof size, "%zx\r\n", part.size());
        chunked += size + part + "\r\n";
    }
    chunked += "0\r\n\r\n";
    r = RawExchange(port(), Request("PUT", put, bearer + "Transfer-Encoding: chunked\r\n", chunked));
    EXPECT_EQ(r.status, 413) << r.text.substr(0, 300);
    EXPECT_NE(r.text.find("\"status\":413"), std::string::npos) << r.text.substr(0, 600);
    // The same through the submit page's route, as portal.js sends it.
    r = RawExchange(
        port(),
        Request(
            "POST", "/providers/RXX/submit?period=" + period_ + "&csrf=" + did::testing::SessionCsrf(browser, "RXX"),
            "Cookie: __Host-did-session=" + browser.Cookie("__Host-did-session") + "\r\nTransfer-Encoding: chunked\r\n",
            chunked));
    EXPECT_EQ(r.status, 413) << r.text.substr(0, 300);

    ExpectUnharmed("after the oversized bodies");

    // The check above can see a stored file: one within the limit is stored.
    const std::string small = did::testing::ReadText(did::testing::GenerateSubmission(dir_, "small.csv", 500, 6));
    r = RawExchange(port(),
                    Request("PUT", put, bearer + "Content-Length: " + std::to_string(small.size()) + "\r\n", small));
    EXPECT_EQ(r.status, 201) << r.text.substr(0, 600);
    EXPECT_EQ(Stored(), 1);
    EXPECT_TRUE(SpoolEmpty());
}

// Whether a caller may submit is settled from the header: without the right, the body is never
// read, so an anonymous client cannot fill the spool directory. Each refusal comes at once,
// though the declared body never follows.
TEST_F(ServerHostileTest, AnUploadWithoutTheRightToSendItIsRefusedBeforeItsBody) {
    Start();
    HttpClient browser = SignedIn();
    const std::string put = "/api/v1/submissions/RXX/" + period_;
    const std::string declared = "Content-Length: 900000\r\n";
    RawReply r = RawExchange(port(), Request("PUT", put, declared));
    EXPECT_EQ(r.status, 401) << r.text.substr(0, 300);
    r = RawExchange(port(), Request("PUT", put, "Authorization: Bearer did_not-a-token\r\n" + declared));
    EXPECT_EQ(r.status, 401) << r.text.substr(0, 300);
    r = RawExchange(port(), Request("PUT", put, declared + "Expect: 100-continue\r\n"));
    EXPECT_EQ(r.status, 401) << r.text.substr(0, 300);
    EXPECT_EQ(r.text.find("100 Continue"), std::string::npos) << r.text.substr(0, 300);
    // Another organisation's month, with RXX's token: as if it did not exist.
    const std::string token = did::testing::MakeApiToken(browser, "RXX");
    r = RawExchange(port(), Request("PUT", "/api/v1/submissions/RYJ/" + period_,
                                    "Authorization: Bearer " + token + "\r\n" + declared));
    EXPECT_EQ(r.status, 404) << r.text.substr(0, 300);
    // The submit page with the session but without the form's CSRF token.
    const std::string cookie = "Cookie: __Host-did-session=" + browser.Cookie("__Host-did-session") + "\r\n";
    r = RawExchange(port(), Request("POST", "/providers/RXX/submit",
                                    cookie + "Content-Type: multipart/form-data; boundary=b\r\n" + declared));
    EXPECT_EQ(r.status, 403) << r.text.substr(0, 300);
    // Signed out: sent to sign in.
    r = RawExchange(port(), Request("POST", "/providers/RXX/submit?csrf=x",
                                    "Content-Type: multipart/form-data; boundary=b\r\n" + declared));
    EXPECT_EQ(r.status, 303) << r.text.substr(0, 300);
    ExpectUnharmed("after the refused uploads");
}

TEST_F(ServerHostileTest, HeadersOverSixteenKibAre431) {
    Start();
    RawReply r = RawExchange(port(), Request("GET", "/healthz", "X-Big: " + std::string(17 * 1024, 'a') + "\r\n"));
    EXPECT_EQ(r.status, 431) << r.text.substr(0, 300);
    std::string many;
    for (int i = 0; i < 300; ++i) many += "X-Header-" + std::to_string(i) + ": " + std::string(60, 'b') + "\r\n";
    r = RawExchange(port(), Request("GET", "/healthz", many));
    EXPECT_EQ(r.status, 431) << r.text.substr(0, 300);
    // Just under the limit is fine.
    r = RawExchange(port(), Request("GET", "/healthz", "X-Big: " + std::string(15 * 1024, 'a') + "\r\n"));
    EXPECT_EQ(r.status, 200) << r.text.substr(0, 300);
    ExpectUnharmed("after the large headers");
}

// 300 clients each sending a request a byte at a time: the others are answered as before, and
// the slow ones are closed once the header deadline passes.
TEST_F(ServerHostileTest, SlowClientsAreClosedAtTheDeadlineWhileOthersAreAnswered) {
    constexpr int kDeadlineSeconds = 6;
    Start("--header-deadline-seconds " + std::to_string(kDeadlineSeconds));
    constexpr int kSlow = 300;
    // Longer than can arrive a byte at a time within the deadline.
    const std::string request = Request("GET", "/healthz", "X-Slow: " + std::string(300, 's') + "\r\n");
    struct Slow {
        int fd = -1;
        size_t sent = 0;
        bool closed = false;
        bool answered = false;
    };
    std::vector<Slow> slow(kSlow);
    for (auto& s : slow) {
        s.fd = did::testing::ConnectTo(port());
        ASSERT_GE(s.fd, 0);
    }
    const auto start = Clock::now();
    std::atomic<bool> stop{false};
    std::atomic<int> closed{0};
    std::thread dripping([&] {
        while (!stop.load() && closed.load() < kSlow) {
            for (auto& s : slow) {
                if (s.closed) continue;
                pollfd p{s.fd, POLLIN, 0};
                if (::poll(&p, 1, 0) > 0) {  // the server closed it (or, wrongly, answered)
                    char byte;
                    if (::recv(s.fd, &byte, 1, MSG_DONTWAIT) > 0) s.answered = true;
                    s.closed = true;
                    closed.fetch_add(1);
                    continue;
                }
                if (s.sent < request.size() && ::send(s.fd, request.data() + s.sent, 1, MSG_NOSIGNAL) == 1) ++s.sent;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    // Meanwhile, a normal client: 20 requests one after another, each answered within a second.
    double worst = 0;
    for (int i = 0; i < 20; ++i) {
        const auto asked = Clock::now();
        const RawReply r = RawExchange(port(), Request("GET", "/healthz", ""), std::chrono::seconds(10));
        const double took = std::chrono::duration<double>(Clock::now() - asked).count();
        worst = std::max(worst, took);
        EXPECT_EQ(r.status, 200) << "request " << i;
        EXPECT_LT(took, 1.0) << "request " << i;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const double probed = std::chrono::duration<double>(Clock::now() - start).count();
    // Every slow client is closed, unanswered, soon after the deadline (a generous margin).
    const auto give_up = start + std::chrono::seconds(kDeadlineSeconds + 20);
    while (closed.load() < kSlow && Clock::now() < give_up) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop = true;
    dripping.join();
    EXPECT_EQ(closed.load(), kSlow);
    int answered = 0;
    for (auto& s : slow) {
        answered += s.answered;
        ::close(s.fd);
    }
    EXPECT_EQ(answered, 0);
    std::printf("slowest answer during the attack %.3f s (of 20, over %.1f s)\n", worst, probed);
    ExpectUnharmed("after the slow clients");
}

TEST_F(ServerHostileTest, MalformedRequestsAreRefusedAndTheServerGoesOn) {
    Start();
    const std::vector<std::pair<std::string, std::string>> cases{
        {"garbage", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n", 23)},
        {"binary", std::string(2000, '\xff') + "\r\n\r\n"},
        {"NUL in the target", std::string("GET /heal\0thz HTTP/1.1\r\nHost: x\r\n\r\n", 34)},
        {"NUL in a header", std::string("GET /healthz HTTP/1.1\r\nHost: x\0y\r\n\r\n", 35)},
        {"a header without colon", "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n"},
        {"space before the colon", "GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n"},
        {"HTTP/0.9", "GET /healthz\r\n\r\n"},
        {"HTTP/2 in text", "GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n"},
        {"no version", "GET /healthz HTTP/\r\nHost: x\r\n\r\n"},
        {"huge method", std::string(20000, 'G') + " /healthz HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"method with a slash", "GE/T /healthz HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"huge target", "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"not a path", "GET healthz HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"asterisk", "GET * HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"bad percent", "GET /healthz%zz HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"bad query", "GET /healthz?a=%g0 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"bad chunk size",
         "POST /sign-in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"},
        {"huge chunk size",
         "POST /sign-in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffffff\r\nabc\r\n"},
        {"negative chunk size",
         "POST /sign-in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n0\r\n\r\n"},
        {"chunk without its end",
         "POST /sign-in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n"},
        {"unknown transfer coding", "POST /sign-in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc"},
        {"negative length", "POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"},
        {"length not a number", "POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n"},
        {"huge length", "POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n"},
        {"two lengths", "POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"},
        {"length and chunked",
         "POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
    };
    for (const auto& [name, bytes] : cases) {
        const RawReply r = RawExchange(port(), bytes, std::chrono::seconds(15));
        // A refusal, or the connection closed; never an answer as if the request were good, and
        // never a connection left hanging.
        const bool refused = r.status == 400 || r.status == 431 || r.status == 413 || r.status == 501;
        EXPECT_TRUE(refused || (r.status == 0 && r.closed)) << name << ": " << r.text.substr(0, 200);
        ASSERT_TRUE(Healthy()) << "after " << name;
    }
    // A request whose framing is broken gets an answer, not a dropped connection.
    for (const char* bad : {"zz", "-5", "fffffffffffffffffffff"}) {
        const RawReply r =
            RawExchange(port(), "POST /sign-in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                    std::string(bad) + "\r\nabc\r\n0\r\n\r\n");
        EXPECT_EQ(r.status, 400) << bad;
    }
    ExpectUnharmed("after the malformed requests");
}

TEST_F(ServerHostileTest, MalformedCookiesAreSignedOut) {
    Start();
    HttpClient browser = SignedIn();
    const std::string session = browser.Cookie("__Host-did-session");
    ASSERT_FALSE(session.empty());
    auto ask = [&](const std::string& target, const std::string& cookie) {
        return RawExchange(port(), Request("GET", target, "Cookie: " + cookie + "\r\n"));
    };
    // The check below sees a session: the good cookie is signed in.
    RawReply r = ask("/providers/RXX/submit", "__Host-did-session=" + session);
    ASSERT_EQ(r.status, 200) << r.text.substr(0, 300);
    const std::vector<std::string> cookies{
        "__Host-did-session=;;;",
        ";;;;;;;;",
        "__Host-did-session",
        "__Host-did-session=",
        "=;=;=",
        "__Host-did-session=" + std::string(12000, 'A'),
        "__Host-did-session=" + session + std::string(1000, 'A'),
        "__Host-did-session=" + session + "x",
        "__Host-did-session=\xc3\xa9\xe2\x80\x94\xff\xfe",
        "__Host-did-session=\"" + session,
        "__Host-did-session=\"",
        "__Host-did-session=\"\"",
        "\"__Host-did-session=" + session + "\"",
        "__Host-did-session=" + session.substr(0, session.size() / 2) + "\";\"" + session.substr(session.size() / 2),
        "__Host-did-session='" + session + "'",
        "__Host-did-session=a=b=c",
        "__Host-did-session=" + session.substr(1),
        "__HOST-DID-SESSION=" + session,
        std::string(8000, ';'),
        std::string(4000, '=') + "; __Host-did-session=%41%42",
    };
    for (const std::string& cookie : cookies) {
        for (const char* target : {"/providers/RXX/submit", "/"}) {
            r = ask(target, cookie);
            EXPECT_EQ(r.status, 303) << target << " with " << cookie.substr(0, 80);
            EXPECT_NE(r.text.find("Location: /sign-in\r\n"), std::string::npos) << cookie.substr(0, 80);
        }
    }
    // The API says so in JSON.
    r = ask("/api/v1/submissions/RXX/" + period_, "__Host-did-session=;;;");
    EXPECT_EQ(r.status, 401);
    // The session itself is untouched by all that.
    r = ask("/providers/RXX/submit", "__Host-did-session=" + session);
    EXPECT_EQ(r.status, 200);
    ExpectUnharmed("after the malformed cookies");
}

// The message of an error page: the paragraph after its heading.
std::string Message(const std::string& page) {
    const size_t h1 = page.find("<h1>");
    if (h1 == std::string::npos) return page.substr(0, 300);
    const size_t p = page.find("<p>", h1);
    return p == std::string::npos ? page.substr(h1, 300) : page.substr(p, page.find("</p>", p) - p);
}

// The submit page's form, as a browser sends it without JavaScript.
std::string Part(const std::string& boundary, const std::string& name, const std::string& value,
                 const std::string& file_name = "") {
    std::string part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
    if (!file_name.empty()) part += "; filename=\"" + file_name + "\"\r\nContent-Type: text/csv";
    return part + "\r\n\r\n" + value + "\r\n";
}

TEST_F(ServerHostileTest, MalformedMultipartFormsAre400WithAClearMessage) {
    Start();
    HttpClient browser = SignedIn();
    const std::string csrf = did::testing::SessionCsrf(browser, "RXX");
    ASSERT_FALSE(csrf.empty());
    const std::string cookie = "Cookie: __Host-did-session=" + browser.Cookie("__Host-did-session") + "\r\n";
    const std::string file = did::testing::ReadText(did::testing::GenerateSubmission(dir_, "form.csv", 300, 8));
    const std::string b = "----did-boundary-7d3";
    const std::string good = Part(b, "period", period_) + Part(b, "file", file, "form.csv") + "--" + b + "--\r\n";
    const std::string multipart = "multipart/form-data; boundary=" + b;
    auto send = [&](const std::string& content_type, const std::string& body) {
        return RawExchange(port(), Request("POST", "/providers/RXX/submit?csrf=" + csrf,
                                           cookie + "Content-Type: " + content_type +
                                               "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n",
                                           body));
    };
    struct Case {
        std::string name;
        std::string content_type;
        std::string body;
        std::string says;
    };
    const std::vector<Case> cases{
        {"no boundary", "multipart/form-data", good, "not a well-formed form"},
        {"an empty boundary", "multipart/form-data; boundary=", good, "not a well-formed form"},
        {"a boundary of 71 characters", "multipart/form-data; boundary=" + std::string(71, 'b'), good,
         "not a well-formed form"},
        {"multipart, not a form", "multipart/mixed; boundary=" + b, good, "not a well-formed form"},
        {"the wrong boundary", "multipart/form-data; boundary=other", good, "its first boundary is missing"},
        {"an empty body", multipart, "", "its first boundary is missing"},
        {"garbage", multipart, std::string(5000, '\x01'), "its first boundary is missing"},
        {"truncated", multipart, good.substr(0, good.size() / 2), "ends before its closing boundary"},
        {"no closing boundary", multipart, good.substr(0, good.size() - b.size() - 6),
         "ends before its closing boundary"},
        {"two files", multipart,
         Part(b, "period", period_) + Part(b, "file", file, "a.csv") + Part(b, "other", file, "b.csv") + "--" + b +
             "--\r\n",
         "more than one file"},
        {"an enormous part header", multipart,
         "--" + b + "\r\nContent-Disposition: form-data; name=\"period\"\r\nX-Padding: " + std::string(40000, 'p') +
             "\r\n\r\n" + period_ + "\r\n" + Part(b, "file", file, "a.csv") + "--" + b + "--\r\n",
         "a part&apos;s headers are too long"},
        {"a part header without its end", multipart,
         "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n",
         "a part&apos;s headers are cut short"},
        {"a part without a name", multipart,
         "--" + b + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + b + "--\r\n", "a part has no name"},
        {"text after a boundary", multipart, "--" + b + "xyz\r\n" + good, "a boundary is followed by other text"},
        {"an enormous field", multipart,
         Part(b, "period", std::string(100000, '2')) + Part(b, "file", file, "a.csv") + "--" + b + "--\r\n",
         "is too long"},
        {"no file", multipart, Part(b, "period", period_) + "--" + b + "--\r\n", "Choose the file to send"},
        {"an empty file", multipart, Part(b, "period", period_) + Part(b, "file", "", "a.csv") + "--" + b + "--\r\n",
         "Choose the file to send"},
        {"no month", multipart, Part(b, "file", file, "a.csv") + "--" + b + "--\r\n", "Choose the month"},
    };
    for (const Case& c : cases) {
        const RawReply r = send(c.content_type, c.body);
        EXPECT_EQ(r.status, 400) << c.name << ": " << r.text.substr(0, 200);
        EXPECT_NE(r.text.find(c.says), std::string::npos) << c.name << ": " << Message(r.text);
    }
    ExpectUnharmed("after the malformed forms");
    // The same form, well made, is stored: the checks above could see it.
    const RawReply r = send(multipart, good);
    EXPECT_EQ(r.status, 303) << r.text.substr(0, 600);
    EXPECT_EQ(Stored(), 1);
    EXPECT_TRUE(SpoolEmpty());
}

TEST_F(ServerHostileTest, TraversalInAnyPathParameterNeverLeavesTheWebRoot) {
    Start();
    HttpClient browser = SignedIn();
    const std::string token = did::testing::MakeApiToken(browser, "RXX");
    // Pages with the session, the API with the token (which would win over the session).
    const std::string cookie = "Cookie: __Host-did-session=" + browser.Cookie("__Host-did-session") + "\r\n";
    const std::string bearer = "Authorization: Bearer " + token + "\r\n";
    const std::string p = period_;
    const std::vector<std::string> targets{
        "/assets/../../etc/passwd",
        "/assets/../../../../../../etc/passwd",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/assets/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/assets/..%2f..%2f..%2fetc%2fpasswd",
        "/assets/%2f..%2f..%2fetc/passwd",
        "/assets/%2fetc%2fpasswd",
        "/assets//etc/passwd",
        "/assets/..\\..\\..\\etc\\passwd",
        "/assets/..%5c..%5c..%5cetc%5cpasswd",
        "/assets/%252e%252e/%252e%252e/etc/passwd",
        "/assets/./../templates/layout.mustache",
        "/assets/.%2e/templates/layout.mustache",
        "/assets/nhsuk/../../../package.json",
        "/assets/nhsuk/%2e%2e/%2e%2e/%2e%2e/package.json",
        "/assets/.hidden",
        "/assets/portal.css%00.png",
        "/providers/..%2f..%2fetc/submit",
        "/providers/%2e%2e/submit",
        "/providers/RXX%2f..%2fRYJ/submit",
        "/providers/..\\RYJ/submit",
        "/providers/RXX/../RYJ/submit",
        "/api/v1/submissions/%2e%2e/" + p,
        "/api/v1/submissions/RXX/..%2f..%2f..%2fetc%2fpasswd",
        "/api/v1/submissions/RXX/" + p + "/..%2f1",
        "/api/v1/submissions/RXX/" + p + "/1%2f..%2f..",
        "/api/v1/submissions/RXX/" + p + "/..\\..\\1/findings.csv",
        "/api/v1/submissions/RXX/..%5c" + p + "/1",
        "/api/v1/submissions/RYJ%2f..%2fRXX/" + p,
        "/providers/RXX/api-tokens/..%2f1/revoke",
    };
    for (const std::string& target : targets) {
        for (const char* method : {"GET", "HEAD"}) {
            const std::string& auth = target.starts_with("/api/") ? bearer : cookie;
            const RawReply r = RawExchange(port(), Request(method, target, auth));
            EXPECT_TRUE(r.status == 400 || r.status == 404) << method << " " << target << ": " << r.status;
            EXPECT_EQ(r.text.find("root:"), std::string::npos) << target;
            EXPECT_EQ(r.text.find("{{"), std::string::npos) << target;  // no template served raw
            EXPECT_EQ(r.text.find("\"devDependencies\""), std::string::npos) << target;
        }
    }
    // The file the paths above aim past is there to be served the right way.
    const RawReply css = RawExchange(port(), Request("GET", "/assets/portal.css", ""));
    EXPECT_EQ(css.status, 200);
    ExpectUnharmed("after the traversal attempts");
}

// Out of file descriptors, the server waits for one to be free rather than trying accept() again
// and again at once (a core spinning for as long as the clients stay), and serves once they go.
TEST_F(ServerHostileTest, OutOfFileDescriptorsTheServerWaitsRatherThanSpins) {
    Start();
    const pid_t pid = server_->pid();
    rlimit low{128, 128};
    ASSERT_EQ(::prlimit(pid, RLIMIT_NOFILE, &low, nullptr), 0);
    std::vector<int> idle;
    for (int i = 0; i < 300; ++i) {
        const int fd = did::testing::ConnectTo(port());
        if (fd >= 0) idle.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    // A server that spins burns a core; one that waits, next to nothing. The margin is wide.
    const double before = did::testing::CpuSeconds(pid);
    std::this_thread::sleep_for(std::chrono::seconds(3));
    const double used = did::testing::CpuSeconds(pid) - before;
    EXPECT_LT(used, 0.5) << "CPU seconds over 3 seconds with no request to answer";
    for (const int fd : idle) ::close(fd);
    bool answered = false;
    for (int i = 0; i < 50 && !answered; ++i) {
        answered = Healthy();
        if (!answered) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    EXPECT_TRUE(answered);
    EXPECT_NE(did::testing::ReadText(server_->log_path()).find("cannot accept connections"), std::string::npos);
    ExpectUnharmed("after running out of descriptors");
}

// Started with a low soft limit of open files (systemd's default is 1,024), the server raises it
// to the hard limit: 300 idle connections leave room for the next client.
TEST_F(ServerHostileTest, ALowSoftLimitOfOpenFilesIsRaisedAtStart) {
    rlimit was{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &was), 0);
    if (was.rlim_max != RLIM_INFINITY && was.rlim_max < 1024) GTEST_SKIP() << "the hard limit is too low here";
    rlimit low = was;
    low.rlim_cur = 200;
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &low), 0);
    Start();  // inherits the soft limit of 200
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &was), 0);
    std::vector<int> idle;
    for (int i = 0; i < 300; ++i) {
        const int fd = did::testing::ConnectTo(port());
        if (fd >= 0) idle.push_back(fd);
    }
    // Without the raise, this one waits in the backlog until the idle ones give up.
    const RawReply r = RawExchange(port(), Request("GET", "/healthz", ""), std::chrono::seconds(5));
    EXPECT_EQ(r.status, 200);
    for (const int fd : idle) ::close(fd);
    ExpectUnharmed("after 300 idle connections");
}

}  // namespace
