// Cookies: reading one from a Cookie header that may be malformed in any way (a bad one is
// ignored, never an error), and writing the portal's: `__Host-` names, so the browser holds
// them only for this host, over HTTPS, for the whole site; Secure, HttpOnly, SameSite=Strict.
#pragma once

#include <string>
#include <string_view>

namespace did::http {

inline constexpr std::string_view kSessionCookie = "__Host-did-session";
// Before sign-in there is no session to tie a form to: the sign-in form echoes this instead.
inline constexpr std::string_view kFormCookie = "__Host-did-form";

// The value of `name`, or "" when absent or not a plain token.
std::string CookieValue(std::string_view header, std::string_view name);

std::string SetCookie(std::string_view name, std::string_view value);
std::string ClearCookie(std::string_view name);

}  // namespace did::http
