#include "service/monitoring.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "refdata/nhs_region.hpp"
#include "store/audit_log.hpp"
#include "store/engagement_table.hpp"
#include "store/organisation_table.hpp"
#include "store/record_table.hpp"
#include "store/submission_table.hpp"

namespace did::service {

namespace {

int DaysBetween(core::Date from, core::Date to) {
    return to.DaysSinceEpoch() - from.DaysSinceEpoch();
}

// Lower is more urgent.
int Urgency(const ProviderStatus& s) {
    if (s.state == "overdue") return 0;
    if (s.state == "rejected only") return 1;
    if (s.state == "not yet due") return 2;
    if (s.state == "late") return 3;
    return 4;
}

}  // namespace

core::Result<std::vector<ProviderStatus>> StatusFor(store::Store& store, const Window& window, core::Date today) {
    const std::string period = window.period.ToString();
    std::map<std::string, ProviderStatus> by_provider;
    store::EngagementTable engagement(store.db());
    auto expected = engagement.Expected();
    if (!expected) return core::Fail(expected.error());
    for (const store::ExpectedRow& e : *expected) {
        if (e.covers(window.period)) {
            by_provider[e.provider].expected = true;
        }
    }
    store::AuditLog log(store.db());
    auto attempts = log.CountBySubject("submission.", " " + period);
    if (!attempts) return core::Fail(attempts.error());
    for (const auto& [subject, count] : *attempts) {
        by_provider[subject.substr(0, subject.size() - period.size() - 1)].attempts = count;
    }
    store::SubmissionTable submissions(store.db());
    auto rows = submissions.List(window.period, "");
    if (!rows) return core::Fail(rows.error());
    for (const store::SubmissionRow& s : *rows) {
        ProviderStatus& status = by_provider[s.provider];
        if (s.status == store::SubmissionStatus::kCurrent) status.current = s;
        if (s.usable() && (!status.first_good_on || s.received_on < *status.first_good_on)) {
            status.first_good_on = s.received_on;
        }
    }
    auto last_good = LastGoodFilesFor(store, window, today);
    if (!last_good) return core::Fail(last_good.error());
    std::map<std::string, std::pair<std::string, std::string>> names;  // name, region
    auto read = store::OrganisationTable(store.db()).ForEach([&](const store::OrganisationRow& o) {
        if (by_provider.count(o.code) > 0) names[o.code] = {o.name, refdata::NhsRegionName(o.region)};
    });
    if (!read) return core::Fail(read.error());
    std::vector<ProviderStatus> out;
    const bool past_cutoff = today > window.cutoff;
    const int to_cutoff = DaysBetween(today, window.cutoff);
    for (auto& [provider, status] : by_provider) {
        status.provider = provider;
        std::tie(status.name, status.region) = names[provider];
        const auto files = last_good->find(provider);
        status.last_good = files != last_good->end()
                               ? files->second
                               : LastGoodFiles{{std::nullopt, past_cutoff}, {std::nullopt, today > window.final}};
        if (status.first_good_on) {
            const int late = DaysBetween(window.cutoff, *status.first_good_on);
            status.state = late <= 0 ? "on time" : "late";
            if (late > 0) status.days = late;
        } else {
            status.state = status.attempts > 0 ? "rejected only" : past_cutoff ? "overdue" : "not yet due";
            status.days = past_cutoff ? -to_cutoff : to_cutoff;
        }
        out.push_back(std::move(status));
    }
    std::stable_sort(out.begin(), out.end(), [](const ProviderStatus& a, const ProviderStatus& b) {
        if (Urgency(a) != Urgency(b)) return Urgency(a) < Urgency(b);
        // Overdue and late: the longest first; not yet due: the nearest first.
        const int da = a.days.value_or(0), db = b.days.value_or(0);
        return a.state == "not yet due" ? da < db : da > db;
    });
    return out;
}

core::Result<FeedbackSummary> FeedbackFor(store::Store& store, core::Period period) {
    store::SubmissionTable submissions(store.db());
    auto rows = submissions.List(period, "");
    if (!rows) return core::Fail(rows.error());
    FeedbackSummary summary;
    std::vector<int64_t> minutes;
    for (const store::SubmissionRow& s : *rows) {
        if (!s.prep_minutes && s.comment.empty()) continue;
        summary.entries.push_back({s.provider, s.id, s.prep_minutes, s.comment});
        if (s.prep_minutes) minutes.push_back(*s.prep_minutes);
    }
    summary.responses = static_cast<int64_t>(minutes.size());
    if (!minutes.empty()) {
        std::sort(minutes.begin(), minutes.end());
        const size_t n = minutes.size();
        summary.median_minutes =
            n % 2 == 1 ? static_cast<double>(minutes[n / 2])
                       : (static_cast<double>(minutes[n / 2 - 1]) + static_cast<double>(minutes[n / 2])) / 2;
        int64_t total = 0;
        for (int64_t m : minutes) total += m;
        summary.mean_minutes = static_cast<double>(total) / static_cast<double>(n);
        summary.max_minutes = minutes.back();
    }
    return summary;
}

core::Result<std::vector<LocalCodeUsage>> LocalCodeUsageFor(store::Store& store, core::Period period) {
    store::SubmissionTable submissions(store.db());
    auto rows = submissions.List(period, "");
    if (!rows) return core::Fail(rows.error());
    std::vector<LocalCodeUsage> usage;
    for (const store::SubmissionRow& s : *rows) {
        if (s.status == store::SubmissionStatus::kCurrent) usage.push_back({s.provider, s.accepted, s.local_coded});
    }
    return usage;
}

core::Result<std::vector<PossibleDuplicate>> PossibleDuplicatesFor(store::Store& store, core::Period period) {
    return store::RecordTable(store.db()).CurrentDuplicates(period);
}

}  // namespace did::service
