// Context: what a route's handler works with: the request, the database connection of the
// worker it runs on, who is asking (already checked against the route's access rule), and
// the portal's helpers for answering (a page in the house layout, JSON, a redirect, an error).
#pragma once

#include <kainjow/mustache.hpp>
#include <string>

#include "core/error.hpp"
#include "http/application.hpp"
#include "http/principal.hpp"
#include "http/request.hpp"

namespace did::store {
class Store;
}  // namespace did::store

namespace did::http {

class Portal;
using PageData = kainjow::mustache::data;

struct Context {
    Request& request;
    store::Store& store;
    Principal principal;
    ResponseStream& stream;
    const Portal& portal;

    const std::string& Param(const std::string& name) const { return request.params.at(name); }
    // A form field of a small body (application/x-www-form-urlencoded); "" when absent.
    std::string Form(const std::string& name) const;
    service::Actor Actor() const { return principal.ActorFrom(request.client); }

    // `template_name` from web/templates, inside the layout, with the page title, the user and
    // their CSRF token, and the demo warning when it applies.
    Response Page(const std::string& template_name, const std::string& title, const PageData& data,
                  int status = 200) const;
    Response Json(const std::string& json, int status = 200) const;
    Response Redirect(const std::string& location) const;  // 303 See Other
    // The page or JSON (for /api/) for an error, with the status chosen from its code.
    Response Error(const core::Error& error) const;
    Response ErrorStatus(int status, const std::string& message) const;
};

inline constexpr const char* kNotFoundMessage = "There is no page at this address.";

// The one place an error's code becomes an HTTP status.
int StatusFor(const core::Error& error);

}  // namespace did::http
