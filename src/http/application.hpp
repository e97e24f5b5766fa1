// Application: what the server calls once it has a request's header (to learn how much body
// the route takes, whether it is an upload to spool to disk, and, for an upload, whether the
// caller may send it at all) and then the whole request (to answer it on a database worker,
// with that worker's own connection). The portal and the API implement it (portal.hpp); the
// server (server.hpp) knows only this.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "http/request.hpp"

namespace did::store {
class Store;
}  // namespace did::store

namespace did::http {

enum class BodyKind { kSmall, kUpload };

struct BodyPlan {
    BodyKind kind = BodyKind::kSmall;
    uint64_t max_bytes = 0;
};

// Lets a handler answer in parts while it works (the progress of a validation), before its
// final Response. Thread-safe; each call returns once the part is queued.
class ResponseStream {
  public:
    virtual ~ResponseStream() = default;
    // Whether the client asked for a streamed answer (and the route may give one).
    virtual bool wanted() const = 0;
    // Sends the status line and headers, once; the body follows in parts.
    virtual void Begin(int status, const std::string& content_type) = 0;
    virtual void Part(std::string part) = 0;
};

class Application {
  public:
    virtual ~Application() = default;
    virtual BodyPlan PlanBody(const Request& request) const = 0;
    // Before an upload's body is read, on a database worker: the answer that refuses it (not
    // signed in, no access, a stale form), or nullopt to read it. So a caller without the right
    // to submit costs no disk: the body is never spooled.
    virtual std::optional<Response> Admit(Request& request, store::Store& store) = 0;
    // On a database worker thread. `stream` may be used instead of the body of the Response:
    // once Begin was called, the Response's body is sent as the last part.
    virtual Response Handle(Request& request, store::Store& store, ResponseStream& stream) = 0;
    // For an answer the server gives itself (too large, malformed): the page or JSON to send.
    virtual Response ServerError(const Request& request, int status, const std::string& message) const = 0;
};

}  // namespace did::http
