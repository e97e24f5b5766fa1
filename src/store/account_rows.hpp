// Plain rows of the portal's account tables: users, sessions, API tokens and the sign-in
// throttle (migration 006). Secrets other than the TOTP secret are held only as digests; the
// caller hashes. Values only; thread-safe to copy.
#pragma once

#include <cstdint>
#include <string>

namespace did::store {

struct UserRow {
    int64_t id = 0;    // given by UserTable::Add
    std::string name;  // the sign-in name; stored lower-cased
    std::string display_name;
    std::string organisation;  // an ODS code; central staff have the central team's
    std::string role;          // provider_submitter, provider_viewer, … (the service parses)
    std::string password_hash;
    std::string totp_secret;                 // empty: not enrolled
    int64_t totp_last_step = 0;              // the last TOTP time step accepted
    std::string second_factor = "required";  // "required", or "off" (demo users only)
    bool disabled = false;
    std::string created_at;  // ISO 8601 UTC
    std::string created_by;
    std::string password_changed_at;  // ISO 8601 UTC
};

// A browser's session, by the SHA-256 (hex) of its cookie. Times are unix seconds.
struct SessionRow {
    std::string id_digest;
    int64_t user_id = 0;
    std::string stage;  // "password" (second factor due) or "signed_in"
    std::string csrf_token;
    int64_t created_at = 0;
    int64_t last_seen_at = 0;
    std::string client;  // the address it signed in from
};

// A token for machine submission, by the SHA-256 (hex) of its value. Times are ISO 8601 UTC;
// an empty one has not happened (not revoked, never used).
struct ApiTokenRow {
    int64_t id = 0;  // given by ApiTokenTable::Create
    std::string organisation;
    std::string name;  // what the token is for
    std::string digest;
    std::string created_by;
    std::string created_at;
    std::string expires_at;
    std::string revoked_at;
    std::string revoked_by;
    std::string last_used_at;
};

// Failed sign-ins for one key ("user:NAME", "addr:ADDRESS") in the current window, and until
// when the key is locked out. Times are unix seconds; 0: never.
struct ThrottleRow {
    std::string key;
    int64_t failures = 0;
    int64_t window_start = 0;
    int64_t locked_until = 0;
};

}  // namespace did::store
