#include "report/likely_cause.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/with_commas.hpp"

namespace did::report {
namespace {

using core::WithCommas;
using validate::RuleId;

// The most frequent of `counts`, with its count.
std::pair<std::string, uint64_t> MostFrequent(const std::map<std::string, uint64_t>& counts) {
    std::pair<std::string, uint64_t> best;
    for (const auto& [key, count] : counts) {
        if (count > best.second) best = {key, count};
    }
    return best;
}

// Counts, over the findings of `rule`, the key `key_of` gives each.
template <class KeyOf>
std::map<std::string, uint64_t> Tally(const validate::ValidationReport& report, RuleId rule, KeyOf key_of) {
    std::map<std::string, uint64_t> counts;
    (void)report.findings.ForEach([&](const validate::Finding& f) {
        if (f.rule == rule) ++counts[key_of(f)];
        return true;
    });
    return counts;
}

std::string OtherMonth(const validate::ValidationReport& report, uint64_t failing, uint64_t total) {
    const auto months =
        Tally(report, RuleId::kDidcPeriod, [](const validate::Finding& f) { return f.value.substr(0, 7); });
    const auto [month, count] = MostFrequent(months);
    // The message of any of these findings names the period asked for.
    std::string period;
    (void)report.findings.ForEach([&](const validate::Finding& f) {
        if (f.rule != RuleId::kDidcPeriod) return true;
        period = f.message.substr(f.message.rfind(' ') + 1);
        return false;
    });
    return fmt::format("{} of {} test dates are outside {}: {} in {}. Is this the right period?", WithCommas(failing),
                       WithCommas(total), period, count == failing ? "all are" : "most (" + WithCommas(count) + ") are",
                       month);
}

std::string OtherProvidersSites(const validate::ValidationReport& report, uint64_t failing, uint64_t total,
                                const std::string& provider) {
    // "site RYJ01 belongs to RYJ, which …": the owner named in the message.
    const auto owners = Tally(report, RuleId::kDidcSite, [](const validate::Finding& f) {
        const auto from = f.message.find("belongs to ");
        if (from == std::string::npos) return f.value.substr(0, 3);
        const auto start = from + 11;
        return f.message.substr(start, f.message.find(',', start) - start);
    });
    const auto [owner, count] = MostFrequent(owners);
    return fmt::format(
        "{} of {} records are at sites that {} does not submit for; {} at sites of {}. Is {} the right provider "
        "code, or is an agreement to submit for {} missing?",
        WithCommas(failing), WithCommas(total), provider, count == failing ? "all are" : WithCommas(count) + " are",
        owner, provider, owner);
}

}  // namespace

std::optional<std::string> LikelyCause(const validate::ValidationReport& report, const validate::RuleCatalogue& rules,
                                       const std::string& provider) {
    const uint64_t total = report.records.total;
    if (report.file_rejected() || total == 0) return std::nullopt;
    RuleId worst = RuleId::kDids075;
    uint64_t failing = 0;
    for (int i = 0; i < validate::kRuleCount; ++i) {
        if (report.severities[static_cast<size_t>(i)] != validate::Severity::kReject) continue;
        const uint64_t count = report.tallies[static_cast<size_t>(i)].count;
        if (count > failing) {
            failing = count;
            worst = static_cast<RuleId>(i);
        }
    }
    if (failing * 2 <= total) return std::nullopt;
    if (worst == RuleId::kDidcPeriod) return OtherMonth(report, failing, total);
    if (worst == RuleId::kDidcSite) return OtherProvidersSites(report, failing, total, provider);
    const auto& spec = rules.Spec(worst);
    return fmt::format("{} of {} records fail {} ({}): most likely one mistake in the extract; put that right first.",
                       WithCommas(failing), WithCommas(total), spec.code, spec.meaning);
}

}  // namespace did::report
