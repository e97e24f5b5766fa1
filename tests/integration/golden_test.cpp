// Golden files: for every folder under tests/data/golden, `did validate input.csv --format
// json` with the folder's `args` must print exactly expected.json (compared as JSON) and
// exit with expected_exit. DID_UPDATE_GOLDEN=1 rewrites the expectations; review the diff.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "integration/process.hpp"

namespace {

std::vector<std::string> Cases() {
    std::vector<std::string> cases;
    for (const auto& entry : std::filesystem::directory_iterator(DID_GOLDEN_DIR)) {
        if (entry.is_directory()) cases.push_back(entry.path().filename().string());
    }
    std::sort(cases.begin(), cases.end());
    return cases;
}

std::string Trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, ReportMatches) {
    const std::string dir = std::string(DID_GOLDEN_DIR) + "/" + GetParam();
    const std::string args = Trim(did::testing::ReadText(dir + "/args"));
    const auto result =
        did::testing::Run("cd '" + dir + "' && '" DID_BINARY "' validate input.csv --format json " + args);
    ASSERT_TRUE(result.exit_code == 0 || result.exit_code == 1) << result.exit_code << "\n" << result.out;
    const auto actual = nlohmann::json::parse(result.out);
    if (const char* update = std::getenv("DID_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
        did::testing::WriteText(dir + "/expected.json", actual.dump(2) + "\n");
        did::testing::WriteText(dir + "/expected_exit", std::to_string(result.exit_code) + "\n");
        GTEST_SKIP() << "expectation rewritten";
    }
    const auto expected = nlohmann::json::parse(did::testing::ReadText(dir + "/expected.json"));
    EXPECT_EQ(actual, expected) << "diff: " << nlohmann::json::diff(expected, actual).dump(2);
    EXPECT_EQ(std::to_string(result.exit_code), Trim(did::testing::ReadText(dir + "/expected_exit")));
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, ::testing::ValuesIn(Cases()), [](const auto& param_info) {
    std::string name = param_info.param;
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
});

}  // namespace
