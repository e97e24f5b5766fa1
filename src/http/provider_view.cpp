#include "http/provider_view.hpp"

#include <fmt/format.h>

#include <array>

#include "core/with_commas.hpp"

namespace did::http {
namespace {

std::string Count(int64_t value) {
    return core::WithCommas(static_cast<uint64_t>(value < 0 ? 0 : value));
}

}  // namespace

std::string MonthName(core::Period period) {
    static constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                            "May",       "June",     "July",     "August",
                                                            "September", "October",  "November", "December"};
    return fmt::format("{} {}", kMonths[static_cast<size_t>(period.Month() - 1)], period.Year());
}

std::optional<int64_t> ParseWholeNumber(const std::string& text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    int64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

bool CanSubmit(const Principal& principal) {
    return principal.role == service::Role::kProviderSubmitter ||
           principal.role == service::Role::kCentralAdministrator;
}

std::string SubmissionUrl(const store::SubmissionRow& row) {
    return fmt::format("/providers/{}/submissions/{}", row.provider, row.id);
}

PageData SubmissionView(const store::SubmissionRow& row) {
    PageData view;
    view.set("id", std::to_string(row.id));
    view.set("url", SubmissionUrl(row));
    view.set("file_name", row.file_name);
    view.set("submitted_by", row.submitted_by);
    view.set("submitted_at", row.submitted_at);
    view.set("received_on", row.received_on.ToString());
    view.set("backdated", service::IsBackdated(row));
    view.set("period", row.period.ToString());
    view.set("month", MonthName(row.period));
    switch (row.status) {
        case store::SubmissionStatus::kCurrent:
            view.set("status", std::string("Current"));
            view.set("status_class", std::string("nhsuk-tag--green"));
            break;
        case store::SubmissionStatus::kSuperseded:
            view.set("status", std::string("Superseded"));
            view.set("status_class", std::string("nhsuk-tag--grey"));
            break;
        case store::SubmissionStatus::kRejected:
            view.set("status", std::string("Rejected"));
            view.set("status_class", std::string("nhsuk-tag--red"));
            break;
        case store::SubmissionStatus::kLoading:
            view.set("status", std::string("Loading"));
            view.set("status_class", std::string("nhsuk-tag--white"));
            break;
    }
    view.set("records", Count(row.records_total));
    view.set("accepted", Count(row.accepted));
    view.set("rejected", Count(row.rejected));
    view.set("warned", Count(row.warned));
    if (row.superseded_by) {
        view.set("superseded_by", std::to_string(*row.superseded_by));
        view.set("superseded_url", fmt::format("/providers/{}/submissions/{}", row.provider, *row.superseded_by));
    }
    return view;
}

}  // namespace did::http
