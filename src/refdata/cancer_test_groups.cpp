#include "refdata/cancer_test_groups.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "refdata/code_label_csv.hpp"

namespace did::refdata {

const CancerTestGroups& CancerTestGroups::Shipped() {
    return ParsedOnce<CancerTestGroups>(ShippedCancerTestGroupsCsv());
}

core::Result<CancerTestGroups> CancerTestGroups::Parse(std::string_view csv) {
    CancerTestGroups out;
    auto read =
        ForEachCodeAndLabel(csv, "nicip_code,cancer_test_group",
                            [&](size_t line, std::string_view code, std::string_view label) -> core::Status {
                                const auto group = std::find(kCancerTestGroups.begin(), kCancerTestGroups.end(), label);
                                if (group == kCancerTestGroups.end()) {
                                    return core::Fail(core::Error::InvalidArgument(fmt::format(
                                        "line {}: '{}' is not one of the five cancer test groups", line, label)));
                                }
                                if (code.empty() || !out.group_.emplace(std::string(code), *group).second) {
                                    return core::Fail(core::Error::InvalidArgument(
                                        fmt::format("line {}: '{}' is empty or already in a group", line, code)));
                                }
                                return {};
                            });
    if (!read) return core::Fail(read.error());
    return out;
}

std::string_view CancerTestGroups::Of(std::string_view nicip_code) const {
    const auto it = group_.find(std::string(nicip_code));
    return it == group_.end() ? std::string_view() : it->second;
}

}  // namespace did::refdata
