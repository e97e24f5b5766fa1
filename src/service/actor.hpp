// Actor: who is doing something and from where, for the audit log. The command line
// passes the user and the host; the web portal (later) its signed-in user and client address.
#pragma once

#include <string>

namespace did::service {

struct Actor {
    std::string name;    // a user name, or a provider's submitting account
    std::string origin;  // "cli@host", or a client address
};

}  // namespace did::service
