#include "service/sign_in.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/clock.hpp"
#include "service/audit_trail.hpp"
#include "service/password_hash.hpp"
#include "service/recovery_codes.hpp"
#include "service/secret_token.hpp"
#include "service/totp.hpp"
#include "store/recovery_code_table.hpp"
#include "store/session_table.hpp"
#include "store/throttle_table.hpp"
#include "store/user_table.hpp"

namespace did::service {
namespace {

constexpr const char* kWrongPassword = "The user name or password is not right.";
constexpr const char* kWrongCode =
    "The code is not right. Enter the newest code your app shows, or a recovery code, and check the time on your "
    "phone is set automatically.";
constexpr const char* kExpired = "Your sign-in took too long. Sign in again with your user name and password.";

std::string UserKey(const std::string& name) {
    std::string key = "user:" + name;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return key;
}
std::string AddressKey(const std::string& client) {
    return "addr:" + client;
}

std::string WaitMessage(int64_t seconds) {
    if (seconds <= 90) return fmt::format("Too many tries. Wait {} seconds, then try again.", seconds);
    return fmt::format("Too many tries. Wait {} minutes, then try again.", (seconds + 59) / 60);
}

// Seconds to wait before `key` may try again (0: now).
core::Result<int64_t> WaitFor(store::Store& store, const std::string& key, int64_t now) {
    auto row = store::ThrottleTable(store.db()).Find(key);
    if (!row) return core::Fail(row.error());
    if (!*row || (*row)->locked_until <= now) return int64_t{0};
    return (*row)->locked_until - now;
}

core::Result<int64_t> WaitForEither(store::Store& store, const std::string& name, const std::string& client,
                                    int64_t now) {
    auto user_wait = WaitFor(store, UserKey(name), now);
    if (!user_wait) return user_wait;
    auto address_wait = WaitFor(store, AddressKey(client), now);
    if (!address_wait) return address_wait;
    return std::max(*user_wait, *address_wait);
}

// A failure counts against the account and the address. After a few, each try must wait
// longer (1, 2, 4 … seconds, at most a minute); after many, a lock-out. Nothing sleeps on the
// server: the next try is refused until then.
core::Status CountFailure(store::Store& store, const std::string& key, int64_t lock_after, int64_t now,
                          const SignInPolicy& policy) {
    store::ThrottleTable throttle(store.db());
    auto row = throttle.RecordFailure(key, now, policy.window_seconds);
    if (!row) return core::Fail(row.error());
    if (row->failures >= lock_after) return throttle.Lock(key, now + policy.lock_seconds);
    if (row->failures >= policy.slow_after) {
        const int64_t extra = std::min<int64_t>(row->failures - policy.slow_after, 6);
        return throttle.Lock(key, now + (int64_t{1} << extra));
    }
    return {};
}

core::Status CountFailures(store::Store& store, const std::string& name, const std::string& client, int64_t now,
                           const SignInPolicy& policy) {
    if (auto counted = CountFailure(store, UserKey(name), policy.lock_after, now, policy); !counted) return counted;
    return CountFailure(store, AddressKey(client), policy.address_lock_after, now, policy);
}

struct NewSession {
    std::string token;
    store::SessionRow row;
};

NewSession MakeSession(int64_t user_id, const std::string& stage, const std::string& client, int64_t now) {
    NewSession session;
    session.token = NewSecretToken();
    session.row.id_digest = SecretTokenDigest(session.token);
    session.row.user_id = user_id;
    session.row.stage = stage;
    session.row.csrf_token = NewSecretToken();
    session.row.created_at = now;
    session.row.last_seen_at = now;
    session.row.client = client;
    return session;
}

Actor ActorOf(const store::UserRow& user, const std::string& client) {
    return {user.name, client, ParseRole(user.role).value_or(Role::kProviderViewer)};
}

// The pending session of `token` and its user, if still good for the second factor.
struct Pending {
    store::SessionRow session;
    store::UserRow user;
};
core::Result<std::optional<Pending>> FindPending(store::Store& store, const std::string& token, int64_t now,
                                                 const SignInPolicy& policy) {
    if (token.empty()) return std::optional<Pending>();
    auto session = store::SessionTable(store.db()).Find(SecretTokenDigest(token));
    if (!session) return core::Fail(session.error());
    if (!*session || (*session)->stage != "password" || now - (*session)->created_at > policy.second_factor_seconds) {
        return std::optional<Pending>();
    }
    auto user = store::UserTable(store.db()).FindById((*session)->user_id);
    if (!user) return core::Fail(user.error());
    if (!*user || (*user)->disabled) return std::optional<Pending>();
    return std::optional<Pending>(Pending{**session, **user});
}

// The pending session gives way to a full one with a new id, audited, in one transaction.
core::Result<SignInStep> Promote(store::Store& store, const Pending& pending, const std::string& client, int64_t now,
                                 const std::string& how) {
    NewSession session = MakeSession(pending.user.id, "signed_in", client, now);
    auto done = store.InTransaction([&]() -> core::Status {
        store::SessionTable sessions(store.db());
        if (auto deleted = sessions.Delete(pending.session.id_digest); !deleted) return deleted;
        if (auto created = sessions.Create(session.row); !created) return created;
        return Written(Record(store, ActorOf(pending.user, client), "user.signed_in", "user " + pending.user.name,
                              {{"second_factor", how}}));
    });
    if (!done) return core::Fail(done.error());
    if (auto cleared = store::ThrottleTable(store.db()).Clear(UserKey(pending.user.name)); !cleared) {
        return core::Fail(cleared.error());
    }
    SignInStep step;
    step.outcome = SignInOutcome::kSignedIn;
    step.session_token = session.token;
    return step;
}

bool LooksLikeTotp(const std::string& code) {
    int digits = 0;
    for (const char c : code) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c != ' ') {
            return false;
        }
    }
    return digits == 6;
}

}  // namespace

SignInStep Refused(std::string message) {
    SignInStep step;
    step.outcome = SignInOutcome::kRefused;
    step.message = std::move(message);
    return step;
}

core::Result<SignInStep> SignInWithPassword(store::Store& store, const std::string& name, const std::string& password,
                                            const std::string& client, int64_t now, const SignInPolicy& policy) {
    // Sessions past their time, and throttle keys that hold nothing back, are removed here,
    // where a new session starts, rather than by a timer.
    if (auto swept = store::SessionTable(store.db()).DeleteExpired(now, policy.idle_seconds, policy.absolute_seconds);
        !swept) {
        return core::Fail(swept.error());
    }
    if (auto pruned = store::ThrottleTable(store.db()).DeleteStale(now, policy.window_seconds); !pruned) {
        return core::Fail(pruned.error());
    }
    if (name.empty() || password.empty()) return Refused("Enter your user name and password.");
    auto wait = WaitForEither(store, name, client, now);
    if (!wait) return core::Fail(wait.error());
    if (*wait > 0) {
        SignInStep step;
        step.outcome = SignInOutcome::kWait;
        step.wait_seconds = *wait;
        step.message = WaitMessage(*wait);
        return step;
    }
    auto user = store::UserTable(store.db()).FindByName(name);
    if (!user) return core::Fail(user.error());
    const bool known = *user && !(*user)->disabled;
    // An unknown name costs as long as a wrong password, so timing does not tell them apart.
    const bool right = known ? VerifyPassword((*user)->password_hash, password) : (VerifyAgainstDummy(password), false);
    if (!right) {
        if (auto counted = CountFailures(store, name, client, now, policy); !counted)
            return core::Fail(counted.error());
        if (known) {
            if (auto audited = RecordAlone(store, ActorOf(**user, client), "user.sign_in_failed",
                                           "user " + (*user)->name, {{"step", "password"}});
                !audited) {
                return core::Fail(audited.error());
            }
        }
        return Refused(kWrongPassword);
    }
    const store::UserRow& row = **user;
    if (PasswordNeedsRehash(row.password_hash)) {
        auto rehashed = HashPassword(password);
        if (rehashed) (void)store::UserTable(store.db()).SetPassword(row.id, *rehashed, row.password_changed_at);
    }
    if (row.second_factor == "off") {
        // No pending session to replace: Promote deletes one that was never stored.
        return Promote(store, Pending{MakeSession(row.id, "password", client, now).row, row}, client, now,
                       "off (demo user)");
    }
    NewSession session = MakeSession(row.id, "password", client, now);
    if (auto created = store::SessionTable(store.db()).Create(session.row); !created)
        return core::Fail(created.error());
    SignInStep step;
    step.outcome = row.totp_secret.empty() ? SignInOutcome::kEnrolmentDue : SignInOutcome::kSecondFactorDue;
    step.session_token = session.token;
    return step;
}

core::Result<SignInStep> SignInWithSecondFactor(store::Store& store, const std::string& pending_token,
                                                const std::string& code, const std::string& client, int64_t now,
                                                const SignInPolicy& policy) {
    auto pending = FindPending(store, pending_token, now, policy);
    if (!pending) return core::Fail(pending.error());
    if (!*pending || (*pending)->user.totp_secret.empty()) return Refused(kExpired);
    const store::UserRow& user = (*pending)->user;
    auto wait = WaitForEither(store, user.name, client, now);
    if (!wait) return core::Fail(wait.error());
    if (*wait > 0) {
        SignInStep step;
        step.outcome = SignInOutcome::kWait;
        step.wait_seconds = *wait;
        step.message = WaitMessage(*wait);
        return step;
    }
    if (LooksLikeTotp(code)) {
        if (auto step = VerifyTotp(user.totp_secret, code, now, user.totp_last_step)) {
            // Of two requests with the same code, only one gets the step.
            auto used = store::UserTable(store.db()).UseTotpStep(user.id, *step);
            if (!used) return core::Fail(used.error());
            if (*used) return Promote(store, **pending, client, now, "authenticator app");
        }
    } else if (!code.empty()) {
        auto used =
            store::RecoveryCodeTable(store.db()).Use(user.id, RecoveryCodeDigest(code), core::UtcTimestampOf(now));
        if (!used) return core::Fail(used.error());
        if (*used) return Promote(store, **pending, client, now, "recovery code");
    }
    if (auto counted = CountFailures(store, user.name, client, now, policy); !counted)
        return core::Fail(counted.error());
    if (auto audited = RecordAlone(store, ActorOf(user, client), "user.sign_in_failed", "user " + user.name,
                                   {{"step", "second factor"}});
        !audited) {
        return core::Fail(audited.error());
    }
    return Refused(kWrongCode);
}

core::Result<SignInStep> CompleteEnrolment(store::Store& store, const std::string& pending_token,
                                           const std::string& secret, const std::string& code,
                                           const std::string& client, int64_t now, const SignInPolicy& policy) {
    auto pending = FindPending(store, pending_token, now, policy);
    if (!pending) return core::Fail(pending.error());
    if (!*pending || !(*pending)->user.totp_secret.empty()) return Refused(kExpired);
    const store::UserRow& user = (*pending)->user;
    const auto key = Base32Decode(secret);
    if (!key || key->size() < 16) return Refused("Start again: the key of this page is not one DID Collect made.");
    const auto step = LooksLikeTotp(code) ? VerifyTotp(secret, code, now, 0) : std::nullopt;
    if (!step) {
        if (auto counted = CountFailures(store, user.name, client, now, policy); !counted) {
            return core::Fail(counted.error());
        }
        return Refused(kWrongCode);
    }
    std::vector<std::string> codes = NewRecoveryCodes();
    std::vector<std::string> digests;
    digests.reserve(codes.size());
    for (const auto& c : codes) digests.push_back(RecoveryCodeDigest(c));
    auto enrolled = store.InTransaction([&]() -> core::Status {
        if (auto set = store::UserTable(store.db()).SetTotp(user.id, secret, *step); !set) return set;
        if (auto set = store::RecoveryCodeTable(store.db()).Replace(user.id, digests); !set) return set;
        return Written(Record(store, ActorOf(user, client), "user.enrolled", "user " + user.name,
                              {{"recovery_codes", std::to_string(codes.size())}}));
    });
    if (!enrolled) return core::Fail(enrolled.error());
    auto signed_in = Promote(store, **pending, client, now, "authenticator app (enrolled)");
    if (!signed_in) return signed_in;
    signed_in->recovery_codes = std::move(codes);
    return signed_in;
}

core::Result<std::optional<SessionUser>> ResumeSession(store::Store& store, const std::string& token, int64_t now,
                                                       const SignInPolicy& policy) {
    if (token.empty()) return std::optional<SessionUser>();
    const std::string digest = SecretTokenDigest(token);
    store::SessionTable sessions(store.db());
    auto session = sessions.Find(digest);
    if (!session) return core::Fail(session.error());
    if (!*session) return std::optional<SessionUser>();
    const store::SessionRow& row = **session;
    const bool pending = row.stage == "password";
    const bool expired =
        pending ? now - row.created_at > policy.second_factor_seconds
                : now - row.last_seen_at > policy.idle_seconds || now - row.created_at > policy.absolute_seconds;
    if (expired) {
        if (auto deleted = sessions.Delete(digest); !deleted) return core::Fail(deleted.error());
        return std::optional<SessionUser>();
    }
    auto user = store::UserTable(store.db()).FindById(row.user_id);
    if (!user) return core::Fail(user.error());
    if (!*user || (*user)->disabled) return std::optional<SessionUser>();
    auto parsed = UserFromRow(**user);
    if (!parsed) return core::Fail(parsed.error());
    // A write per minute at most, not per request: the idle limit is counted in minutes.
    if (now - row.last_seen_at >= 60) {
        if (auto touched = sessions.Touch(digest, now); !touched) return core::Fail(touched.error());
    }
    return std::optional<SessionUser>(SessionUser{std::move(*parsed), pending, row.csrf_token});
}

core::Status SignOut(store::Store& store, const std::string& token, const std::string& client) {
    if (token.empty()) return {};
    const std::string digest = SecretTokenDigest(token);
    auto session = store::SessionTable(store.db()).Find(digest);
    if (!session) return core::Fail(session.error());
    if (!*session) return {};
    auto user = store::UserTable(store.db()).FindById((*session)->user_id);
    if (!user) return core::Fail(user.error());
    return store.InTransaction([&]() -> core::Status {
        if (auto deleted = store::SessionTable(store.db()).Delete(digest); !deleted) return deleted;
        if (!*user) return {};
        return Written(Record(store, ActorOf(**user, client), "user.signed_out", "user " + (*user)->name, {}));
    });
}

}  // namespace did::service
