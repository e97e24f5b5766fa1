// Server: `did serve`. Accepts connections (plain, or TLS with a certificate and key), reads
// and answers requests through an Application on a pool of database workers, and on SIGTERM
// or SIGINT stops accepting, lets the requests in flight finish (an upload still arriving
// after the grace period is dropped, storing nothing) and returns. Holds no state of its own
// that a second server on the same database would need: sessions and counters are in it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "http/application.hpp"
#include "http/limits.hpp"

namespace did::http {

struct ServerOptions {
    std::string database_url;
    std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free one
    std::string tls_cert;                   // PEM files; both or neither
    std::string tls_key;
    std::string trusted_proxy;  // believe X-Forwarded-For/-Proto from this address only
    size_t network_threads = 2;
    size_t database_threads = 4;
    std::string spool_directory = "/tmp";
    std::chrono::seconds grace{30};
    Limits limits;
};

class Server {
  public:
    // Binds the address (so that a port in use fails here, before anything else starts).
    static core::Result<std::unique_ptr<Server>> Create(const ServerOptions& options, Application& app);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    uint16_t port() const;
    // Serves until a signal or Stop(); then drains as described above.
    core::Status Run();
    // Thread-safe.
    void Stop();

  private:
    struct State;
    explicit Server(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace did::http
