// GET /healthz: for a load balancer. Answers only when the database answers.
#include <nlohmann/json.hpp>

#include "http/context.hpp"
#include "http/routes.hpp"
#include "service/database.hpp"

namespace did::http {

void AddHealthRoutes(RouteTable& routes) {
    routes.Add({"GET",
                "/healthz",
                {Audience::kPublic, {}, "", false, false},
                [](Context& context) {
                    auto version = service::SchemaVersionOf(context.store);
                    if (!version) {
                        return context.Json(
                            nlohmann::json{{"status", "unavailable"}, {"database", "unreachable"}}.dump(), 503);
                    }
                    return context.Json(nlohmann::json{{"status", "ok"}, {"schema_version", *version}}.dump());
                },
                BodyKind::kSmall,
                "Whether the server and its database answer"});
}

}  // namespace did::http
