// The headers every response carries: a content security policy with no inline script and no
// framing, HSTS, no MIME sniffing, no referrer leaving the service. One list, so a page cannot
// forget one.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace did::http {

const std::vector<std::pair<std::string_view, std::string_view>>& SecurityHeaders();

}  // namespace did::http
