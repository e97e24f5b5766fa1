#include "integration/portal_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <regex>
#include <stdexcept>
#include <thread>

#include "integration/process.hpp"

namespace did::testing {

int ConnectTo(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

namespace {

std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string HexEscape(const std::string& text) {
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            char buffer[4];
            std::snprintf(buffer, sizeof buffer, "%%%02X", c);
            out += buffer;
        }
    }
    return out;
}

// One request on a new connection (Connection: close), read to the end.
HttpResponse Exchange(int port, const std::string& request) {
    HttpResponse response;
    const int fd = ConnectTo(port);
    if (fd < 0) return response;
    size_t sent = 0;
    while (sent < request.size()) {
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
    }
    std::string raw;
    char buffer[65536];
    while (true) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        raw.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    const size_t end = raw.find("\r\n\r\n");
    if (end == std::string::npos || raw.size() < 12) return response;
    response.status = std::stoi(raw.substr(9, 3));
    size_t at = raw.find("\r\n") + 2;
    while (at < end) {
        const size_t line_end = raw.find("\r\n", at);
        const std::string line = raw.substr(at, line_end - at);
        const size_t colon = line.find(':');
        if (colon != std::string::npos) {
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            response.headers.emplace(Lower(line.substr(0, colon)), value);
        }
        at = line_end + 2;
    }
    std::string body = raw.substr(end + 4);
    if (Lower(response.Header("transfer-encoding")) == "chunked") {
        std::string joined;
        size_t pos = 0;
        while (pos < body.size()) {
            const size_t line_end = body.find("\r\n", pos);
            if (line_end == std::string::npos) break;
            const size_t size = std::stoul(body.substr(pos, line_end - pos), nullptr, 16);
            if (size == 0) break;
            joined += body.substr(line_end + 2, size);
            pos = line_end + 2 + size + 2;
        }
        body = joined;
    }
    response.body = std::move(body);
    return response;
}

}  // namespace

std::string HttpResponse::Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

PortalServer::PortalServer(const std::string& dir, const std::string& database_url, const std::string& extra) {
    database_url_ = database_url.empty() ? "sqlite:" + dir + "/did.sqlite" : database_url;
    log_path_ = dir + "/serve.log";
    const size_t log_start = ReadText(log_path_).size();
    const std::string command = std::string("exec ") + DID_BINARY + " serve --db '" + database_url_ +
                                "' --listen 127.0.0.1:0 --web-root " + DID_SOURCE_DIR + "/web " + extra + " 2>>'" +
                                log_path_ + "'";
    pid_ = ::fork();
    if (pid_ == 0) {
        ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    // The port it chose is in its log, after what earlier servers in `dir` wrote there. Over
    // TLS the plain probe cannot answer: listening is enough.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    const std::regex listening("listening on 127\\.0\\.0\\.1:([0-9]+)( \\(TLS\\))?");
    while (std::chrono::steady_clock::now() < deadline) {
        std::smatch match;
        const std::string whole = ReadText(log_path_);
        const std::string log = whole.substr(std::min(log_start, whole.size()));
        if (std::regex_search(log, match, listening)) {
            port_ = std::stoi(match[1].str());
            if (match[2].matched) return;
            if (Exchange(port_, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status == 200) return;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("did serve stopped at start: " + ReadText(log_path_));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("did serve did not start: " + ReadText(log_path_));
}

PortalServer::~PortalServer() {
    if (pid_ > 0) Kill();
}

int PortalServer::Stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void PortalServer::Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

HttpResponse HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                              const std::map<std::string, std::string>& headers) {
    std::string request =
        method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) + "\r\nConnection: close\r\n";
    std::string cookie;
    for (const auto& [name, value] : cookies_) cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    if (!cookie.empty() && !headers.contains("Cookie")) request += "Cookie: " + cookie + "\r\n";
    for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
    if ((!body.empty() || method == "POST" || method == "PUT") && !headers.contains("Transfer-Encoding")) {
        request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    request += "\r\n" + body;
    HttpResponse response = Exchange(port_, request);
    for (auto [it, end] = response.headers.equal_range("set-cookie"); it != end; ++it) {
        const std::string& line = it->second;
        const size_t eq = line.find('=');
        const size_t semi = line.find(';');
        const std::string name = line.substr(0, eq);
        const std::string value = line.substr(eq + 1, semi - eq - 1);
        if (line.find("Max-Age=0") != std::string::npos || value.empty()) {
            cookies_.erase(name);
        } else {
            cookies_[name] = value;
        }
    }
    return response;
}

HttpResponse HttpClient::Get(const std::string& target, const std::map<std::string, std::string>& headers) {
    return Send("GET", target, "", headers);
}

HttpResponse HttpClient::PostForm(const std::string& target, const std::map<std::string, std::string>& fields,
                                  const std::map<std::string, std::string>& headers) {
    auto with_type = headers;
    with_type["Content-Type"] = "application/x-www-form-urlencoded";
    return Send("POST", target, UrlEncodeForm(fields), with_type);
}

const std::string& HttpClient::Cookie(const std::string& name) const {
    static const std::string empty;
    auto it = cookies_.find(name);
    return it == cookies_.end() ? empty : it->second;
}

std::string UrlEncodeForm(const std::map<std::string, std::string>& fields) {
    std::string out;
    for (const auto& [name, value] : fields) out += (out.empty() ? "" : "&") + HexEscape(name) + "=" + HexEscape(value);
    return out;
}

void AddUser(const std::string& database_url, const std::string& name, const std::string& organisation,
             const std::string& role, const std::string& password, bool second_factor) {
    const std::string command = "printf '%s\\n' '" + password + "' | " + DID_BINARY + " user add " + name +
                                " --organisation " + organisation + " --role " + role + " --password-stdin --db '" +
                                database_url + "'" + (second_factor ? "" : " --no-second-factor") + " 2>&1";
    const auto result = Run(command);
    if (result.exit_code != 0) throw std::runtime_error("did user add failed: " + result.out);
}

bool SignIn(HttpClient& client, const std::string& name, const std::string& password) {
    client.ForgetCookies();  // as a new browser: someone else may have been signed in
    const HttpResponse form = client.Get("/sign-in");
    const HttpResponse signed_in =
        client.PostForm("/sign-in", {{"csrf", FormValue(form.body, "csrf")}, {"name", name}, {"password", password}});
    return signed_in.status == 303 && signed_in.Header("location") == "/";
}

std::string FormValue(const std::string& html, const std::string& name) {
    const std::regex input("<input[^>]*name=\"" + name + "\"[^>]*value=\"([^\"]*)\"");
    std::smatch match;
    return std::regex_search(html, match, input) ? match[1].str() : std::string();
}

}  // namespace did::testing
