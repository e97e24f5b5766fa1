// The server's limits: how much a client may send and how long it may take. Enforced while
// parsing (Beast's header and body limits hold for chunked bodies too) and by deadlines on
// the socket, so a slow or hostile client costs a socket and a few kilobytes, never a thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace did::http {

struct Limits {
    uint32_t header_bytes = uint32_t{16} * 1024;  // request line and headers
    uint64_t form_bytes = uint64_t{64} * 1024;    // a form or any body not an upload
    uint64_t upload_bytes = uint64_t{4} << 30;    // a submitted file
    // The whole header must arrive within this; a small body too.
    std::chrono::seconds header_deadline{10};
    // An upload may take as long as it keeps coming: each read must bring bytes within this.
    std::chrono::seconds upload_idle{30};
    std::chrono::seconds write_deadline{60};
    std::chrono::seconds keep_alive_idle{15};
    size_t max_connections = 2048;
};

}  // namespace did::http
