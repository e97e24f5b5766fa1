#include "http/route_table.hpp"

#include <string_view>

namespace did::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
    std::vector<std::string_view> segments;
    size_t start = 1;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        segments.push_back(
            path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    if (path == "/") segments.clear();
    return segments;
}

// "{name}" takes one segment; "{name...}" (last only) the rest of the path.
bool Match(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
    const auto want = Segments(pattern);
    const auto got = Segments(path);
    params.clear();
    for (size_t i = 0; i < want.size(); ++i) {
        const std::string_view w = want[i];
        const bool is_param = w.size() > 2 && w.front() == '{' && w.back() == '}';
        if (is_param && w.ends_with("...}")) {
            if (i >= got.size()) return false;
            std::string rest;
            for (size_t j = i; j < got.size(); ++j) rest += (j > i ? "/" : "") + std::string(got[j]);
            params[std::string(w.substr(1, w.size() - 5))] = rest;
            return true;
        }
        if (i >= got.size()) return false;
        if (is_param) {
            if (got[i].empty()) return false;
            params[std::string(w.substr(1, w.size() - 2))] = std::string(got[i]);
        } else if (w != got[i]) {
            return false;
        }
    }
    return want.size() == got.size();
}

}  // namespace

void RouteTable::Add(Route route) {
    routes_.push_back(std::move(route));
}

const Route* RouteTable::Find(const std::string& method, const std::string& path,
                              std::map<std::string, std::string>& params, bool& path_known) const {
    path_known = false;
    std::map<std::string, std::string> found;
    for (const Route& route : routes_) {
        if (!Match(route.pattern, path, found)) continue;
        path_known = true;
        // HEAD is answered as GET (without the body).
        if (route.method == method || (method == "HEAD" && route.method == "GET")) {
            params = std::move(found);
            return &route;
        }
    }
    return nullptr;
}

}  // namespace did::http
