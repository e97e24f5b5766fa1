#include "service/monitoring.hpp"

#include <algorithm>
#include <map>

#include "store/audit_log.hpp"
#include "store/engagement_table.hpp"
#include "store/record_table.hpp"
#include "store/submission_table.hpp"

namespace did::service {

core::Result<std::vector<ProviderStatus>> StatusFor(store::Store& store, const Window& window) {
    const std::string period = window.period.ToString();
    std::map<std::string, ProviderStatus> by_provider;
    store::EngagementTable engagement(store.db());
    auto expected = engagement.Expected();
    if (!expected) return core::Fail(expected.error());
    for (const store::ExpectedRow& e : *expected) {
        if (e.from_period <= period && (e.until_period.empty() || period <= e.until_period)) {
            by_provider[e.provider].expected = true;
        }
    }
    // Every attempt, whatever became of it, left exactly one submission.* entry in the audit
    // log under the subject "PROVIDER PERIOD" (see submission.cpp); stored rows alone would
    // miss the files refused, rejected at file level, held back or already received.
    store::AuditLog log(store.db());
    auto attempts = log.CountBySubject("submission.", " " + period);
    if (!attempts) return core::Fail(attempts.error());
    for (const auto& [subject, count] : *attempts) {
        by_provider[subject.substr(0, subject.size() - period.size() - 1)].attempts = count;
    }
    store::SubmissionTable submissions(store.db());
    auto rows = submissions.List(period, "");
    if (!rows) return core::Fail(rows.error());
    for (const store::SubmissionRow& s : *rows) {
        ProviderStatus& status = by_provider[s.provider];
        if (s.status == "current") status.current = s;
        const bool usable = s.status == "current" || s.status == "superseded";
        if (usable && (status.first_good_on.empty() || s.received_on < status.first_good_on)) {
            status.first_good_on = s.received_on;
        }
    }
    std::vector<ProviderStatus> out;
    const std::string cutoff = window.cutoff.ToString();
    for (auto& [provider, status] : by_provider) {
        status.provider = provider;
        if (!status.first_good_on.empty()) {
            status.state = status.first_good_on <= cutoff ? "on time" : "late";
        } else {
            status.state = status.attempts > 0 ? "rejected" : "missing";
        }
        out.push_back(std::move(status));
    }
    return out;
}

core::Result<FeedbackSummary> FeedbackFor(store::Store& store, const std::string& period) {
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

core::Result<std::vector<LocalCodeUsage>> LocalCodeUsageFor(store::Store& store, const std::string& period) {
    store::SubmissionTable submissions(store.db());
    auto rows = submissions.List(period, "");
    if (!rows) return core::Fail(rows.error());
    std::vector<LocalCodeUsage> usage;
    for (const store::SubmissionRow& s : *rows) {
        if (s.status == "current") usage.push_back({s.provider, s.accepted, s.local_coded});
    }
    return usage;
}

core::Result<std::vector<PossibleDuplicate>> PossibleDuplicatesFor(store::Store& store, const std::string& period) {
    store::RecordTable records(store.db());
    auto duplicates = records.CurrentDuplicates(period);
    if (!duplicates) return core::Fail(duplicates.error());
    std::vector<PossibleDuplicate> out;
    out.reserve(duplicates->size());
    for (const store::DuplicateExamination& d : *duplicates) {
        out.push_back({d.submission_id, d.provider, d.line, d.other_provider, d.other_submission_id});
    }
    return out;
}

}  // namespace did::service
