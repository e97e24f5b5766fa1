// The submission API (docs/api.md, docs/openapi.json): a RIS submits a month's file with PUT
// and reads back submissions, findings and the timetable. The same access rules as the pages;
// an organisation's API token acts as its provider submitter. Answers are JSON, but for the
// findings, which are the findings CSV.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/date.hpp"
#include "http/context.hpp"
#include "http/portal.hpp"
#include "http/routes.hpp"
#include "http/submission_upload.hpp"
#include "service/stored_findings_csv.hpp"
#include "service/submission_admin.hpp"
#include "service/timetable.hpp"

namespace did::http {
namespace {

std::optional<core::Period> PeriodParam(const Context& context) {
    return core::Period::Parse(context.Param("period"));
}

nlohmann::json SubmissionJson(const store::SubmissionRow& s) {
    return {{"id", s.id},
            {"provider", s.provider},
            {"period", s.period.ToString()},
            {"status", store::SubmissionStatusName(s.status)},
            {"file_name", s.file_name},
            {"sha256", s.file_sha256},
            {"bytes", s.file_bytes},
            {"submitted_at", s.submitted_at},
            {"received_on", s.received_on.ToString()},
            {"submitted_by", s.submitted_by},
            {"records", s.records_total},
            {"accepted", s.accepted},
            {"rejected", s.rejected},
            {"warned", s.warned},
            {"superseded_by", s.superseded_by ? nlohmann::json(*s.superseded_by) : nlohmann::json(nullptr)}};
}

bool IsTrue(const std::optional<std::string>& value) {
    return value && (*value == "true" || *value == "1" || *value == "yes");
}

Response Put(Context& context) {
    auto period = PeriodParam(context);
    if (!period) return context.ErrorStatus(400, "The period is not a month written YYYY-MM.");
    UploadRequest upload;
    upload.provider = context.Param("organisation");
    upload.period = *period;
    upload.file_name = context.request.Query("file_name").value_or(upload.provider + "-" + period->ToString() + ".csv");
    upload.dry_run = IsTrue(context.request.Query("dry_run"));
    upload.confirm_drop = IsTrue(context.request.Query("confirm_drop"));
    auto result = SubmitUpload(context, context.request.upload_path, upload);
    if (!result) return context.Error(result.error());
    return context.Json(result->json, SubmitStatus(result->outcome.result));
}

Response ListOfPeriod(Context& context) {
    auto period = PeriodParam(context);
    if (!period) return context.ErrorStatus(400, "The period is not a month written YYYY-MM.");
    auto rows = service::ListSubmissions(context.store, *period, context.Param("organisation"));
    if (!rows) return context.Error(rows.error());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& row : *rows) list.push_back(SubmissionJson(row));
    return context.Json(nlohmann::json{{"submissions", list}}.dump());
}

// The submission, when it is this organisation's and this month's; else NotFound, as for one
// that does not exist.
core::Result<store::SubmissionRow> OwnSubmission(Context& context) {
    auto period = PeriodParam(context);
    int64_t id = 0;
    try {
        id = std::stoll(context.Param("id"));
    } catch (const std::exception&) {
        id = 0;
    }
    auto row = id > 0 ? service::GetSubmission(context.store, id)
                      : core::Result<store::SubmissionRow>(core::Fail(core::Error::NotFound("")));
    if (!row || !period || row->provider != context.Param("organisation") || row->period != *period) {
        return core::Fail(core::Error::NotFound("There is no such submission."));
    }
    return row;
}

Response One(Context& context) {
    auto row = OwnSubmission(context);
    if (!row) return context.Error(row.error());
    return context.Json(SubmissionJson(*row).dump());
}

Response FindingsCsv(Context& context) {
    auto row = OwnSubmission(context);
    if (!row) return context.Error(row.error());
    std::string csv(service::kFindingsCsvHeader);
    auto read = service::ReadFindings(context.store, context.Actor(), row->id, [&](const store::FindingRow& f) {
        service::AppendFindingCsv(csv, f);
        return true;
    });
    if (!read) return context.Error(read.error());
    Response response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = std::move(csv);
    response.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"findings-{}-{}-{}.csv\"",
                                                                     row->provider, row->period.ToString(), row->id));
    return response;
}

Response TimetableJson(Context& context) {
    auto timetable = service::Timetable::Load(context.store);
    if (!timetable) return context.Error(timetable.error());
    const core::Date today = core::Date::Today();
    nlohmann::json months = nlohmann::json::array();
    // The months whose windows are open today, and the next one to open.
    core::Period period = core::Period::Of(today).Previous();
    for (int i = 0; i < 8; ++i) {
        auto window = timetable->For(period);
        if (!window) return context.Error(window.error());
        months.push_back({{"period", period.ToString()},
                          {"opens", window->opens.ToString()},
                          {"cutoff", window->cutoff.ToString()},
                          {"provisional_deadline", window->provisional.ToString()},
                          {"final_deadline", window->final.ToString()},
                          {"open", window->Open(today)}});
        period = period.Previous();
    }
    return context.Json(nlohmann::json{{"rule", timetable->rule().Describe()}, {"months", months}}.dump());
}

AccessRule ApiRule(std::set<service::Role> roles, bool changes) {
    return {Audience::kRoles, std::move(roles), "organisation", true, changes};
}

}  // namespace

void AddApiRoutes(RouteTable& routes) {
    routes.Add({"PUT", "/api/v1/submissions/{organisation}/{period}", ApiRule(SubmitterRoles(), true), Put,
                BodyKind::kUpload, "Submit a month's file (the CSV as the body)"});
    routes.Add({"GET", "/api/v1/submissions/{organisation}/{period}", ApiRule(ProviderRoles(), false), ListOfPeriod,
                BodyKind::kSmall, "The submissions of a month"});
    routes.Add({"GET", "/api/v1/submissions/{organisation}/{period}/{id}", ApiRule(ProviderRoles(), false), One,
                BodyKind::kSmall, "One submission"});
    routes.Add({"GET", "/api/v1/submissions/{organisation}/{period}/{id}/findings.csv", ApiRule(ProviderRoles(), false),
                FindingsCsv, BodyKind::kSmall, "A submission's findings as CSV"});
    routes.Add({"GET",
                "/api/v1/timetable",
                {Audience::kRoles, AllRoles(), "", true, false},
                TimetableJson,
                BodyKind::kSmall,
                "The submission windows of the months open now"});
}

}  // namespace did::http
