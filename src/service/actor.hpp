// Actor: who is doing something, from where and in what role: for the audit log, and for the
// few acts only the central team may do. The command line passes the user and the host; the
// web portal its signed-in user, their role and the client address.
#pragma once

#include <string>

namespace did::service {

// The roles of the collection's users. Only the central administrator's acts are checked
// here (back-dating a file); what each role may see is the portal's access rules.
enum class Role { kProviderSubmitter, kProviderViewer, kGpPracticeUser, kAnalyst, kCentralAdministrator };

struct Actor {
    std::string name;    // a user name, or a provider's submitting account
    std::string origin;  // "cli@host", or a client address
    // The least an actor can be; the command line, which runs on the central server with
    // the database's own credentials, is the central team's tool and says so (cli/session).
    Role role = Role::kProviderSubmitter;
};

}  // namespace did::service
