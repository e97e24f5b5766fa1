// API tokens: an organisation's credentials for its RIS to submit without a person. Created by
// the organisation's submitter or the central team, shown once, kept only as a SHA-256, with
// an expiry; revoked at any time. A token acts as its organisation's provider submitter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "service/actor.hpp"
#include "store/account_rows.hpp"
#include "store/store.hpp"

namespace did::service {

struct NewApiToken {
    int64_t id = 0;
    std::string token;  // shown once; never stored
    std::string expires_at;
};

core::Result<NewApiToken> CreateApiToken(store::Store& store, const Actor& actor, const std::string& organisation,
                                         const std::string& name, int days);
// Only the organisation's own token: another's is NotFound.
core::Status RevokeApiToken(store::Store& store, const Actor& actor, const std::string& organisation, int64_t id);
core::Result<std::vector<store::ApiTokenRow>> ListApiTokens(store::Store& store, const std::string& organisation);
// A live token (not revoked, not expired), marked as used; nullopt for anything else.
core::Result<std::optional<store::ApiTokenRow>> ResolveApiToken(store::Store& store, const std::string& token);

}  // namespace did::service
