// Request and Response: what a handler sees of an HTTP exchange once the server has read it
// within its limits, and what it answers. Plain values, built on the connection's thread and
// handed to a database worker; nothing here refers back to the socket.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace did::http {

struct Request {
    std::string method;                          // "GET", "POST", "PUT", …
    std::string target;                          // as sent: path and query
    std::string path;                            // percent-decoded, without the query
    std::map<std::string, std::string> query;    // decoded; the first of a repeated name
    std::map<std::string, std::string> headers;  // names lower-cased; the first of a repeated name
    std::map<std::string, std::string> params;   // the route's {names}, filled when it matches
    std::string client;                          // the client's address (the proxy's client behind one)
    bool secure = false;                         // TLS, here or at the trusted proxy
    std::string body;                            // a form or a small body, read whole
    std::string upload_path;                     // an upload's spooled body, or ""
    uint64_t upload_bytes = 0;

    const std::string& Header(const std::string& lower_name) const;
    std::optional<std::string> Query(const std::string& name) const;
};

// The server adds the security headers (security_headers.hpp) to every response.
struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // Location, Set-Cookie, Content-Disposition…
    // Static files may be kept by the browser; everything else is "no-store" (it may hold
    // patient data, or a page that only a signed-in user may see).
    bool cacheable = false;
    // For the request log: the route's pattern (never the path, which may carry values) and
    // who asked (a user id or token id, never a name or a patient value).
    std::string route;
    std::string who;
};

}  // namespace did::http
