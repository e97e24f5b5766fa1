// Reading a request target: the path percent-decoded and checked (no NUL or control
// characters, no "." or ".." segment, no encoded "/"), and the query's names and values.
// Anything else is refused before a route sees it, so no handler has to think of traversal.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace did::http {

struct Target {
    std::string path;
    std::map<std::string, std::string> query;
};

core::Result<Target> ParseTarget(std::string_view target);

// application/x-www-form-urlencoded, as a form posts it (and as the query is written).
core::Result<std::map<std::string, std::string>> ParseUrlEncoded(std::string_view text);

// Percent-encodes everything but RFC 3986's unreserved characters: for a value in a URL.
std::string UrlEncode(std::string_view text);

}  // namespace did::http
