// An organisation's API tokens: listed, created (the token shown once, on the page that made
// it) and revoked, by its provider submitters or the central team.
#include <nlohmann/json.hpp>

#include "http/context.hpp"
#include "http/routes.hpp"
#include "service/api_tokens.hpp"

namespace did::http {
namespace {

Response TokensPage(Context& context, const std::string& new_token, const std::string& error, int status) {
    auto tokens = service::ListApiTokens(context.store, context.Param("organisation"));
    if (!tokens) return context.Error(tokens.error());
    PageData list{PageData::type::list};
    for (const auto& token : *tokens) {
        PageData row;
        row.set("id", std::to_string(token.id));
        row.set("name", token.name);
        row.set("created_by", token.created_by);
        row.set("created_at", token.created_at);
        row.set("expires_at", token.expires_at);
        row.set("last_used_at", token.last_used_at.empty() ? std::string("never") : token.last_used_at);
        row.set("revoked", !token.revoked_at.empty());
        row.set("revoked_at", token.revoked_at);
        list.push_back(row);
    }
    PageData data;
    data.set("organisation", context.Param("organisation"));
    data.set("tokens", list);
    data.set("has_tokens", !list.is_empty_list());
    if (!new_token.empty()) data.set("new_token", new_token);
    if (!error.empty()) data.set("error", error);  // a section opens on any string, even ""
    data.set("csrf", context.principal.csrf_token);
    return context.Page("api_tokens", "API tokens", std::move(data), status);
}

Response Create(Context& context) {
    int days = 0;
    try {
        days = std::stoi(context.Form("days"));
    } catch (const std::exception&) {
        days = 0;
    }
    auto made = service::CreateApiToken(context.store, context.Actor(), context.Param("organisation"),
                                        context.Form("name"), days);
    if (!made) {
        if (made.error().code == core::ErrorCode::kInvalidArgument) {
            return TokensPage(context, "", made.error().message, 400);
        }
        return context.Error(made.error());
    }
    return TokensPage(context, made->token, "", 201);
}

Response Revoke(Context& context) {
    int64_t id = 0;
    try {
        id = std::stoll(context.Param("id"));
    } catch (const std::exception&) {
        id = 0;
    }
    auto revoked = service::RevokeApiToken(context.store, context.Actor(), context.Param("organisation"), id);
    if (!revoked) return context.Error(revoked.error());
    return context.Redirect("/providers/" + context.Param("organisation") + "/api-tokens");
}

}  // namespace

void AddApiTokenPages(RouteTable& routes) {
    const AccessRule read{Audience::kRoles, SubmitterRoles(), "organisation", false, false};
    const AccessRule change{Audience::kRoles, SubmitterRoles(), "organisation", false, true};
    routes.Add({"GET", "/providers/{organisation}/api-tokens", read,
                [](Context& context) { return TokensPage(context, "", "", 200); }, BodyKind::kSmall,
                "The organisation's API tokens"});
    routes.Add({"POST", "/providers/{organisation}/api-tokens", change, Create, BodyKind::kSmall,
                "Creates a token (shown once)"});
    routes.Add({"POST", "/providers/{organisation}/api-tokens/{id}/revoke", change, Revoke, BodyKind::kSmall,
                "Revokes a token"});
}

}  // namespace did::http
