// Principal: who a request comes from, once the server has checked its session cookie or API
// token. A handler trusts only this (never a name or organisation sent in the request).
#pragma once

#include <cstdint>
#include <string>

#include "service/actor.hpp"

namespace did::http {

enum class Credential { kNone, kSession, kApiToken };

struct Principal {
    Credential credential = Credential::kNone;
    int64_t user_id = 0;   // the user, for a session
    int64_t token_id = 0;  // the token, for the API
    std::string name;      // a user's sign-in name, or "token:<id>"
    std::string display_name;
    std::string organisation;  // an ODS code
    service::Role role = service::Role::kProviderViewer;
    bool second_factor_off = false;  // a demo user: every page says so
    std::string csrf_token;          // a session's; forms and fetches echo it
    bool second_factor_due = false;  // a pending session: the password only

    bool signed_in() const { return credential != Credential::kNone; }
    // For the audit log: the user, acting from the client's address.
    service::Actor ActorFrom(const std::string& client) const { return {name, client, role}; }
    // For the request log: an id, never a name.
    std::string LogId() const {
        if (credential == Credential::kSession) return "user:" + std::to_string(user_id);
        if (credential == Credential::kApiToken) return "token:" + std::to_string(token_id);
        return "";
    }
};

}  // namespace did::http
