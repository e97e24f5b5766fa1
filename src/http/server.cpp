#include "http/server.hpp"

#include <sys/resource.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <charconv>
#include <csignal>
#include <optional>
#include <thread>
#include <vector>

#include "http/connection.hpp"
#include "http/database_workers.hpp"
#include "http/request_log.hpp"

namespace did::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Each connection is a file descriptor (and an upload, another): the soft limit is raised to
// the hard one, as systemd's soft default of 1,024 is too few for a busy day.
void RaiseDescriptorLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) LogServer("cannot raise the limit of open files");
}

}  // namespace

struct Server::State {
    State(const ServerOptions& o, Application& app)
        : options(o),
          workers(o.database_url, o.database_threads),
          shared{app, workers, o.limits, o.spool_directory, o.trusted_proxy},
          acceptor(io),
          signals(io, SIGINT, SIGTERM),
          drain_timer(io),
          accept_timer(io) {}

    // Declared in this order so that they are destroyed the other way round: the io_context
    // (and the connections whose handlers it still holds, which use `shared`) before `shared`
    // and the TLS context, and the workers (stopped first, by ~Server) last.
    ServerOptions options;
    DatabaseWorkers workers;
    ServerShared shared;
    std::optional<net::ssl::context> tls;
    net::io_context io;
    tcp::acceptor acceptor;
    net::signal_set signals;
    net::steady_timer drain_timer;
    net::steady_timer accept_timer;
    std::chrono::steady_clock::time_point drain_until;
    bool accept_failing = false;

    void Accept() {
        acceptor.async_accept(net::make_strand(io), [this](boost::system::error_code error, tcp::socket socket) {
            if (error) {
                if (error == net::error::operation_aborted || shared.draining.load()) return;
                // Out of descriptors and the like: the connection waits in the backlog, so trying
                // again at once would fail at once, over and over. Wait a little instead.
                if (!accept_failing) LogServer("cannot accept connections: " + error.message());
                accept_failing = true;
                (void)accept_timer.expires_after(std::chrono::milliseconds(100));
                accept_timer.async_wait([this](boost::system::error_code waited) {
                    if (!waited) Accept();
                });
                return;
            }
            accept_failing = false;
            // Past the limit a new connection is closed at once: the ones open keep working.
            if (shared.open.load() >= shared.limits.max_connections) {
                boost::system::error_code ignored;
                (void)socket.close(ignored);
            } else if (tls) {
                StartTlsConnection(std::move(socket), *tls, shared);
            } else {
                StartConnection(std::move(socket), shared);
            }
            Accept();
        });
    }

    void BeginDrain() {
        if (shared.draining.exchange(true)) return;
        boost::system::error_code ignored;
        (void)acceptor.close(ignored);
        (void)accept_timer.cancel();
        LogServer("stopping: finishing the requests in flight");
        drain_until = std::chrono::steady_clock::now() + options.grace;
        WaitDrained();
    }

    void WaitDrained() {
        if (shared.busy.load() == 0 || std::chrono::steady_clock::now() >= drain_until) {
            if (shared.busy.load() != 0) LogServer("grace period over: dropping requests still arriving");
            io.stop();
            return;
        }
        (void)drain_timer.expires_after(std::chrono::milliseconds(50));
        drain_timer.async_wait([this](boost::system::error_code) { WaitDrained(); });
    }
};

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Server::~Server() {
    state_->workers.Stop();
}

core::Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options, Application& app) {
    const size_t colon = options.listen.rfind(':');
    if (colon == std::string::npos) {
        return core::Fail(core::Error::InvalidArgument("--listen takes HOST:PORT, such as 127.0.0.1:8080"));
    }
    std::string host = options.listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string port_text = options.listen.substr(colon + 1);
    int port = -1;
    const auto [end, parse_error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (parse_error != std::errc() || end != port_text.data() + port_text.size() || port < 0 || port > 65535)
        return core::Fail(core::Error::InvalidArgument("--listen: the port is not a number"));
    boost::system::error_code error;
    const auto address = net::ip::make_address(host, error);
    if (error) return core::Fail(core::Error::InvalidArgument("--listen: '" + host + "' is not an IP address"));

    RaiseDescriptorLimit();
    auto state = std::make_unique<State>(options, app);
    if (!options.tls_cert.empty() || !options.tls_key.empty()) {
        if (options.tls_cert.empty() || options.tls_key.empty()) {
            return core::Fail(core::Error::InvalidArgument("--tls-cert and --tls-key go together"));
        }
        state->tls.emplace(net::ssl::context::tls_server);
        state->tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                                net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                                net::ssl::context::no_tlsv1_1 | net::ssl::context::single_dh_use);
        (void)state->tls->use_certificate_chain_file(options.tls_cert, error);
        if (error)
            return core::Fail(core::Error::InvalidArgument("cannot use " + options.tls_cert + ": " + error.message()));
        (void)state->tls->use_private_key_file(options.tls_key, net::ssl::context::pem, error);
        if (error)
            return core::Fail(core::Error::InvalidArgument("cannot use " + options.tls_key + ": " + error.message()));
    }
    const tcp::endpoint endpoint(address, static_cast<uint16_t>(port));
    auto& acceptor = state->acceptor;
    // Each call reports through `error`; the copy it also returns adds nothing.
    (void)acceptor.open(endpoint.protocol(), error);
    if (!error) (void)acceptor.set_option(net::socket_base::reuse_address(true), error);
    if (!error) (void)acceptor.bind(endpoint, error);
    if (!error) (void)acceptor.listen(net::socket_base::max_listen_connections, error);
    if (error) return core::Fail(core::Error::IoError("cannot listen on " + options.listen + ": " + error.message()));
    return std::unique_ptr<Server>(new Server(std::move(state)));
}

uint16_t Server::port() const {
    boost::system::error_code error;
    return state_->acceptor.local_endpoint(error).port();
}

core::Status Server::Run() {
    State& s = *state_;
    s.signals.async_wait([&s](boost::system::error_code error, int) {
        if (!error) s.BeginDrain();
    });
    s.Accept();
    std::vector<std::thread> threads;
    for (size_t i = 1; i < s.options.network_threads; ++i) threads.emplace_back([&s] { s.io.run(); });
    s.io.run();
    for (auto& thread : threads) thread.join();
    // Submissions already with a worker finish (and commit) before the process ends.
    s.workers.Stop();
    LogServer("stopped");
    return {};
}

void Server::Stop() {
    net::post(state_->io, [this] { state_->BeginDrain(); });
}

}  // namespace did::http
