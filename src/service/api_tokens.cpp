#include "service/api_tokens.hpp"

#include <chrono>

#include "core/clock.hpp"
#include "service/audit_trail.hpp"
#include "service/secret_token.hpp"
#include "store/api_token_table.hpp"

namespace did::service {
namespace {

int64_t UnixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string Subject(const std::string& organisation) {
    return "organisation " + organisation;
}

}  // namespace

core::Result<NewApiToken> CreateApiToken(store::Store& store, const Actor& actor, const std::string& organisation,
                                         const std::string& name, int days) {
    if (name.empty() || name.size() > 100) {
        return core::Fail(core::Error::InvalidArgument("Say what the token is for, in at most 100 characters."));
    }
    if (days < 1 || days > 366) {
        return core::Fail(core::Error::InvalidArgument("A token lasts from 1 to 366 days."));
    }
    NewApiToken made;
    // The prefix lets secret scanners and people recognise what leaked.
    made.token = "did_" + NewSecretToken();
    const int64_t now = UnixNow();
    made.expires_at = core::UtcTimestampOf(now + int64_t{days} * 86400);
    store::ApiTokenRow row;
    row.organisation = organisation;
    row.name = name;
    row.digest = SecretTokenDigest(made.token);
    row.created_by = actor.name;
    row.created_at = core::UtcTimestampOf(now);
    row.expires_at = made.expires_at;
    auto done = store.InTransaction([&]() -> core::Status {
        auto id = store::ApiTokenTable(store.db()).Create(row);
        if (!id) return core::Fail(id.error());
        made.id = *id;
        return Written(Record(store, actor, "api_token.created", Subject(organisation),
                              {{"token", std::to_string(*id)}, {"name", name}, {"expires_at", made.expires_at}}));
    });
    if (!done) return core::Fail(done.error());
    return made;
}

core::Status RevokeApiToken(store::Store& store, const Actor& actor, const std::string& organisation, int64_t id) {
    store::ApiTokenTable tokens(store.db());
    auto row = tokens.FindById(id);
    if (!row) return core::Fail(row.error());
    if (!*row || (*row)->organisation != organisation) {
        return core::Fail(core::Error::NotFound("There is no such token."));
    }
    return store.InTransaction([&]() -> core::Status {
        if (auto revoked = tokens.Revoke(id, core::UtcTimestamp(), actor.name); !revoked) return revoked;
        return Written(
            Record(store, actor, "api_token.revoked", Subject(organisation), {{"token", std::to_string(id)}}));
    });
}

core::Result<std::vector<store::ApiTokenRow>> ListApiTokens(store::Store& store, const std::string& organisation) {
    return store::ApiTokenTable(store.db()).List(organisation);
}

core::Result<std::optional<store::ApiTokenRow>> ResolveApiToken(store::Store& store, const std::string& token) {
    if (!token.starts_with("did_") || token.size() > 200) return std::optional<store::ApiTokenRow>();
    store::ApiTokenTable tokens(store.db());
    auto row = tokens.FindByDigest(SecretTokenDigest(token));
    if (!row || !*row) return row;
    const std::string now = core::UtcTimestamp();
    if (!(*row)->revoked_at.empty() || (*row)->expires_at <= now) return std::optional<store::ApiTokenRow>();
    // Its last use to the minute: a write per minute at most, whatever a RIS polls.
    if ((*row)->last_used_at.substr(0, 16) != now.substr(0, 16)) {
        if (auto marked = tokens.MarkUsed((*row)->id, now); !marked) return core::Fail(marked.error());
    }
    return row;
}

}  // namespace did::service
