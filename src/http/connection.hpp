// A client's connection: reads each request within the limits (the header by a deadline, a
// small body whole, an upload streamed into an UploadFile as it arrives), hands it to a
// database worker, writes the answer, and keeps the connection for the next request. Runs on
// its own strand of the server's io_context; the worker posts its answer back to it.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstddef>
#include <string>

#include "http/application.hpp"
#include "http/database_workers.hpp"
#include "http/limits.hpp"

namespace did::http {

// What every connection of one server shares. Outlives them all.
struct ServerShared {
    Application& app;
    DatabaseWorkers& workers;
    Limits limits;
    std::string spool_directory;
    std::string trusted_proxy;  // the address whose X-Forwarded-For/-Proto are believed; "" none
    std::atomic<bool> draining{false};
    std::atomic<size_t> open{0};  // connections
    std::atomic<size_t> busy{0};  // requests between their header and their answer
};

void StartConnection(boost::asio::ip::tcp::socket socket, ServerShared& shared);
void StartTlsConnection(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls, ServerShared& shared);

}  // namespace did::http
