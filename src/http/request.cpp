#include "http/request.hpp"

namespace did::http {

const std::string& Request::Header(const std::string& lower_name) const {
    static const std::string empty;
    auto it = headers.find(lower_name);
    return it == headers.end() ? empty : it->second;
}

std::optional<std::string> Request::Query(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

}  // namespace did::http
