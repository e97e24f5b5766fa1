#include "http/security_headers.hpp"

namespace did::http {

const std::vector<std::pair<std::string_view, std::string_view>>& SecurityHeaders() {
    static const std::vector<std::pair<std::string_view, std::string_view>> headers = {
        // Scripts and styles only from the service's own files: an injected <script> or
        // style attribute does nothing. Images may be inline data (the QR code is inline SVG).
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
         "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
        {"Strict-Transport-Security", "max-age=31536000; includeSubDomains"},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"Cross-Origin-Resource-Policy", "same-origin"},
        {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"},
    };
    return headers;
}

}  // namespace did::http
