// The portal under test: a real `did serve` process on a loopback port of its own, and a small
// HTTP client that keeps cookies like a browser (Secure cookies included: loopback counts as
// secure, as it does for browsers). For the HTTP tests of every route.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace did::testing {

struct HttpResponse {
    int status = 0;
    std::multimap<std::string, std::string> headers;  // names lower-cased
    std::string body;

    std::string Header(const std::string& lower_name) const;
};

class PortalServer {
  public:
    // Starts `did serve` on `database_url` (a fresh SQLite file under `dir` when empty), with
    // `extra` arguments, and waits until it answers /healthz.
    explicit PortalServer(const std::string& dir, const std::string& database_url = "", const std::string& extra = "");
    ~PortalServer();
    PortalServer(const PortalServer&) = delete;
    PortalServer& operator=(const PortalServer&) = delete;

    int port() const { return port_; }
    const std::string& database_url() const { return database_url_; }
    const std::string& log_path() const { return log_path_; }
    pid_t pid() const { return pid_; }
    // SIGTERM, then waits; returns the exit status (-1: killed by a signal).
    int Stop();
    void Kill();  // SIGKILL, then waits

  private:
    std::string database_url_;
    std::string log_path_;
    pid_t pid_ = -1;
    int port_ = 0;
};

// A connected loopback socket to `port`, or -1.
int ConnectTo(int port);

// One browser: cookies kept between requests.
class HttpClient {
  public:
    explicit HttpClient(int port) : port_(port) {}

    HttpResponse Get(const std::string& target, const std::map<std::string, std::string>& headers = {});
    HttpResponse PostForm(const std::string& target, const std::map<std::string, std::string>& fields,
                          const std::map<std::string, std::string>& headers = {});
    HttpResponse Send(const std::string& method, const std::string& target, const std::string& body,
                      const std::map<std::string, std::string>& headers = {});

    const std::string& Cookie(const std::string& name) const;
    void SetCookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
    void ForgetCookies() { cookies_.clear(); }

  private:
    int port_;
    std::map<std::string, std::string> cookies_;
};

// A user added with `did user add` (password given on standard input); `second_factor`
// false adds a demo user who signs in with the password alone.
void AddUser(const std::string& database_url, const std::string& name, const std::string& organisation,
             const std::string& role, const std::string& password, bool second_factor = false);

// Signs in through the pages (GET /sign-in, then POST it), as a fresh browser; for a demo user
// only. True when signed in.
bool SignIn(HttpClient& client, const std::string& name, const std::string& password);

// The value of `<input … name="NAME" value="…">` in a page, or "".
std::string FormValue(const std::string& html, const std::string& name);

std::string UrlEncodeForm(const std::map<std::string, std::string>& fields);

}  // namespace did::testing
