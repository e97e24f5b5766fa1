#include "http/context.hpp"

#include <nlohmann/json.hpp>

#include "http/portal.hpp"
#include "http/target.hpp"

namespace did::http {

int StatusFor(const core::Error& error) {
    switch (error.code) {
        case core::ErrorCode::kInvalidArgument:
            return 400;
        case core::ErrorCode::kNotFound:
            return 404;
        case core::ErrorCode::kConflict:
            return 409;
        case core::ErrorCode::kPermissionDenied:
            return 403;
        case core::ErrorCode::kIoError:
            return 503;
        case core::ErrorCode::kCorruption:
        case core::ErrorCode::kInternal:
            return 500;
    }
    return 500;
}

std::string Context::Form(const std::string& name) const {
    if (!request.Header("content-type").starts_with("application/x-www-form-urlencoded")) return {};
    auto form = ParseUrlEncoded(request.body);
    if (!form) return {};
    auto it = form->find(name);
    return it == form->end() ? std::string() : it->second;
}

Response Context::Page(const std::string& template_name, const std::string& title, const PageData& data,
                       int status) const {
    return portal.RenderPage(principal, request, template_name, title, data, status);
}

Response Context::Json(const std::string& json, int status) const {
    Response response;
    response.status = status;
    response.content_type = "application/json";
    response.body = json;
    return response;
}

Response Context::Redirect(const std::string& location) const {
    Response response;
    response.status = 303;
    response.headers.emplace_back("Location", location);
    response.content_type = "text/plain; charset=utf-8";
    return response;
}

Response Context::Error(const core::Error& error) const {
    // Whatever was not found (another organisation's included) reads the same, so an answer
    // never tells what exists.
    if (error.code == core::ErrorCode::kNotFound) return ErrorStatus(404, kNotFoundMessage);
    return ErrorStatus(StatusFor(error), error.message);
}

Response Context::ErrorStatus(int status, const std::string& message) const {
    if (IsApiPath(request.path)) {
        return Json(nlohmann::json{{"error", message}, {"status", status}}.dump(), status);
    }
    PageData data;
    data.set("message", message);
    data.set("status", std::to_string(status));
    const char* title = status == 404   ? "Page not found"
                        : status == 403 ? "You do not have access"
                                        : "There is a problem";
    data.set("title_text", title);
    return Page("error", title, data, status);
}

}  // namespace did::http
