#include "integration/server_kit.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ctime>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace did::testing {

bool SendBytes(int fd, const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<size_t>(n);
    }
    return true;
}

RawReply ReadReply(int fd, std::chrono::milliseconds timeout) {
    RawReply reply;
    char buffer[65536];
    while (true) {
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
        if (ready <= 0) break;  // nothing more within the timeout
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            reply.closed = true;
            break;
        }
        reply.text.append(buffer, static_cast<size_t>(n));
    }
    // The first status line (an interim "100 Continue" is skipped).
    size_t at = 0;
    while (reply.text.compare(at, 9, "HTTP/1.1 ") == 0 && reply.text.size() >= at + 12) {
        reply.status = std::atoi(reply.text.substr(at + 9, 3).c_str());
        if (reply.status != 100) break;
        const size_t end = reply.text.find("\r\n\r\n", at);
        if (end == std::string::npos) break;
        at = end + 4;
    }
    return reply;
}

RawReply RawExchange(int port, const std::string& bytes, std::chrono::milliseconds timeout) {
    const int fd = ConnectTo(port);
    if (fd < 0) return {};
    (void)SendBytes(fd, bytes);  // a server that refuses early may close before all is sent
    RawReply reply = ReadReply(fd, timeout);
    ::close(fd);
    return reply;
}

std::string Today() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
    return text;
}

std::string OpenPeriod() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    int year = utc.tm_year + 1900;
    int month = utc.tm_mon;  // 0-based this month is the 1-based last month
    if (month == 0) {
        month = 12;
        --year;
    }
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", year, month);
    return text;
}

ProcessResult DidOn(const std::string& database_url, const std::string& args) {
    return Run(std::string("'") + DID_BINARY + "' " + args + " --db '" + database_url + "' 2>&1");
}

void SetUpCollection(const std::string& dir, const std::string& database_url) {
    auto r = Run(std::string("'") + DID_BINARY + "' refdata samples '" + dir + "/samples' 2>&1");
    if (r.exit_code != 0) throw std::runtime_error("refdata samples: " + r.out);
    for (const char* file : {"epraccur", "etr", "ets", "ephp"}) {
        r = DidOn(database_url, "refdata import-ods '" + dir + "/samples/" + file + ".csv'");
        if (r.exit_code != 0) throw std::runtime_error("import-ods: " + r.out);
    }
    r = DidOn(database_url, "refdata import-postcodes '" + dir + "/samples/onspd.csv'");
    if (r.exit_code != 0) throw std::runtime_error("import-postcodes: " + r.out);
    for (const char* provider : {"RXX", "RYJ"}) {
        r = DidOn(database_url, std::string("expect add --provider ") + provider + " --from 2020-01");
        if (r.exit_code != 0) throw std::runtime_error("expect add: " + r.out);
    }
}

std::string GenerateSubmission(const std::string& dir, const std::string& name, int rows, int seed,
                               const std::string& provider) {
    const std::string path = dir + "/" + name;
    const auto r = Run(std::string("'") + DID_BINARY + "' generate --rows " + std::to_string(rows) + " --seed " +
                       std::to_string(seed) + " --period " + OpenPeriod() + " --submitted " + Today() + " --provider " +
                       provider + " --out '" + path + "' 2>&1");
    if (r.exit_code != 0) throw std::runtime_error("did generate: " + r.out);
    return path;
}

int CountSubmissions(const std::string& database_url, const std::string& period) {
    const auto r = Run(std::string("'") + DID_BINARY + "' submissions --period " + period + " --format json --db '" +
                       database_url + "'");
    if (r.exit_code != 0) throw std::runtime_error("did submissions: " + r.out);
    return static_cast<int>(nlohmann::json::parse(r.out).size());
}

std::string SessionCsrf(HttpClient& client, const std::string& organisation) {
    return FormValue(client.Get("/providers/" + organisation + "/submit").body, "csrf");
}

std::string MakeApiToken(HttpClient& client, const std::string& organisation) {
    const std::string page = "/providers/" + organisation + "/api-tokens";
    const std::string csrf = FormValue(client.Get(page).body, "csrf");
    const HttpResponse made = client.PostForm(page, {{"csrf", csrf}, {"name", "robustness"}, {"days", "30"}});
    std::smatch match;
    static const std::regex kToken("<code id=\"new-token\">(did_[A-Za-z0-9_-]+)</code>");
    if (made.status != 201 || !std::regex_search(made.body, match, kToken)) {
        throw std::runtime_error("no API token made: " + std::to_string(made.status));
    }
    return match[1].str();
}

double CpuSeconds(int pid) {
    const std::string stat = ReadText("/proc/" + std::to_string(pid) + "/stat");
    // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int i = 0; i < 13 && fields >> field; ++i) {
        if (i == 11 || i == 12) ticks += std::stod(field);
    }
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

}  // namespace did::testing
