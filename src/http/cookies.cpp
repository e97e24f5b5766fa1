#include "http/cookies.hpp"

namespace did::http {
namespace {

// The portal's own values are URL-safe base64: anything else is not one of them.
bool IsToken(std::string_view value) {
    if (value.empty() || value.size() > 256) return false;
    for (const char c : value) {
        const bool ok =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

std::string CookieValue(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const size_t semi = header.find(';');
        const std::string_view pair = Trim(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
        const size_t eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        if (Trim(pair.substr(0, eq)) != name) continue;
        std::string_view value = Trim(pair.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        return IsToken(value) ? std::string(value) : std::string();
    }
    return {};
}

std::string SetCookie(std::string_view name, std::string_view value) {
    return std::string(name) + "=" + std::string(value) + "; Path=/; Secure; HttpOnly; SameSite=Strict";
}

std::string ClearCookie(std::string_view name) {
    return std::string(name) + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
}

}  // namespace did::http
