// Signing in: the password, then the second factor (a code from the authenticator app or a
// one-time recovery code), each step checked against the throttle; then a session with a new
// id. A session lives in the database, so any server on it can resume it; it ends after 30
// minutes idle, 12 hours in all, or at sign-out. Tokens handed to the browser are random; the
// database keeps only their SHA-256.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "service/accounts.hpp"
#include "store/store.hpp"

namespace did::service {

struct SignInPolicy {
    int64_t idle_seconds = int64_t{30} * 60;
    int64_t absolute_seconds = int64_t{12} * 60 * 60;
    int64_t second_factor_seconds = int64_t{5} * 60;  // to give the code after the password
    // Per account: after `slow_after` failures each attempt must wait a little longer; after
    // `lock_after` the account is locked for `lock_seconds`. Per address, the same with more room.
    int64_t window_seconds = int64_t{15} * 60;
    int64_t slow_after = 3;
    int64_t lock_after = 10;
    int64_t lock_seconds = int64_t{15} * 60;
    int64_t address_lock_after = 50;
};

enum class SignInOutcome {
    kRefused,          // wrong name, password or code (the message never says which)
    kWait,             // too many failures lately: try again in `wait_seconds`
    kSecondFactorDue,  // password right: now the code (session_token is the pending session)
    kEnrolmentDue,     // password right, no authenticator yet: enrol (pending session)
    kSignedIn,         // session_token is the new session
};

struct SignInStep {
    SignInOutcome outcome = SignInOutcome::kRefused;
    std::string message;
    std::string session_token;  // to put in the cookie; replaces any earlier one
    int64_t wait_seconds = 0;
    std::vector<std::string> recovery_codes;  // after enrolment only: shown once
};

SignInStep Refused(std::string message);

core::Result<SignInStep> SignInWithPassword(store::Store& store, const std::string& name, const std::string& password,
                                            const std::string& client, int64_t now, const SignInPolicy& policy = {});
// `pending_token`: the session the password step gave. `code`: six digits, or a recovery code.
core::Result<SignInStep> SignInWithSecondFactor(store::Store& store, const std::string& pending_token,
                                                const std::string& code, const std::string& client, int64_t now,
                                                const SignInPolicy& policy = {});
// Enrolment: `secret` (base32) was shown to the user as a QR code; `code` proves their app has it.
core::Result<SignInStep> CompleteEnrolment(store::Store& store, const std::string& pending_token,
                                           const std::string& secret, const std::string& code,
                                           const std::string& client, int64_t now, const SignInPolicy& policy = {});

struct SessionUser {
    User user;
    bool second_factor_due = false;  // a pending session: only the second-factor pages
    std::string csrf_token;
};

// The session's user when the session is live (touching it), else nullopt.
core::Result<std::optional<SessionUser>> ResumeSession(store::Store& store, const std::string& token, int64_t now,
                                                       const SignInPolicy& policy = {});
core::Status SignOut(store::Store& store, const std::string& token, const std::string& client);

}  // namespace did::service
