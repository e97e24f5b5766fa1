// docs/openapi.json against the server's route table: it parses as OpenAPI 3.1, and every API
// route the server has is in it (with its path parameters) and nothing else is.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "core/file_io.hpp"
#include "http/portal.hpp"

namespace did::http {
namespace {

bool InTheApi(const std::string& pattern) {
    return pattern.starts_with("/api/") || pattern == "/healthz";
}

std::set<std::string> ParametersOf(const std::string& pattern) {
    std::set<std::string> names;
    const std::regex parameter("\\{([a-z_]+)\\}");
    for (auto it = std::sregex_iterator(pattern.begin(), pattern.end(), parameter); it != std::sregex_iterator();
         ++it) {
        names.insert((*it)[1].str());
    }
    return names;
}

TEST(OpenApiTest, TheDocumentAndTheRouteTableAgree) {
    auto text = core::ReadFile(std::string(DID_SOURCE_DIR) + "/docs/openapi.json");
    ASSERT_TRUE(text) << text.error().message;
    const auto doc = nlohmann::json::parse(*text);
    ASSERT_TRUE(doc["openapi"].get<std::string>().starts_with("3.1"));
    ASSERT_TRUE(doc.contains("info") && doc["info"].contains("title") && doc["info"].contains("version"));

    PortalOptions options;
    options.web_root = std::string(DID_SOURCE_DIR) + "/web";
    auto portal = Portal::Create(options);
    ASSERT_TRUE(portal) << portal.error().message;

    std::set<std::string> served;
    for (const auto& route : (*portal)->routes().routes()) {
        if (!InTheApi(route.pattern)) continue;
        std::string method = route.method;
        std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
        served.insert(method + " " + route.pattern);
        ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern << " is not in docs/openapi.json";
        const auto& path = doc["paths"][route.pattern];
        ASSERT_TRUE(path.contains(method)) << route.method << " " << route.pattern << " is not in docs/openapi.json";
        // Every {parameter} of the path is declared, on the path or the operation.
        std::set<std::string> declared;
        for (const auto* where : {&path, &path[method]}) {
            if (!where->contains("parameters")) continue;
            for (const auto& p : (*where)["parameters"]) {
                if (p["in"] == "path") declared.insert(p["name"].get<std::string>());
            }
        }
        EXPECT_EQ(declared, ParametersOf(route.pattern)) << route.pattern;
        EXPECT_TRUE(path[method].contains("responses")) << route.pattern;
    }
    std::set<std::string> documented;
    for (const auto& [pattern, path] : doc["paths"].items()) {
        for (const auto& [method, operation] : path.items()) {
            if (method == "parameters") continue;
            documented.insert(method + " " + pattern);
        }
    }
    EXPECT_EQ(documented, served);
}

}  // namespace
}  // namespace did::http
