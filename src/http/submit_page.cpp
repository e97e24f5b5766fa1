// The submit page: choose the month and the file, send it, see the result. Without JavaScript
// the form posts multipart/form-data and the answer is the result (or a redirect to the stored
// submission). With it, portal.js sends the file as the body, shows the upload's progress in
// bytes, and reads the validation's progress as it streams back (one JSON line per step).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <mutex>

#include "core/with_commas.hpp"
#include "http/context.hpp"
#include "http/multipart.hpp"
#include "http/open_periods.hpp"
#include "http/portal.hpp"
#include "http/report_view.hpp"
#include "http/routes.hpp"
#include "http/submission_upload.hpp"
#include "service/submission.hpp"

namespace did::http {
namespace {

Response SubmitForm(Context& context) {
    auto windows = OpenWindows(context.store, core::Date::Today());
    if (!windows) return context.Error(windows.error());
    PageData periods{PageData::type::list};
    for (const auto& window : *windows) {
        PageData period;
        period.set("value", window.period.ToString());
        period.set("label", fmt::format("{} (cut-off {}, final deadline {})", window.period.ToString(),
                                        window.cutoff.ToString(), window.final.ToString()));
        periods.push_back(period);
    }
    PageData data;
    data.set("organisation", context.Param("organisation"));
    data.set("periods", periods);
    data.set("has_periods", !periods.is_empty_list());
    data.set("csrf", context.principal.csrf_token);
    return context.Page("submit", "Submit a file", data);
}

// What to do next, in a sentence, for each outcome.
std::string NextStep(service::SubmitResult result) {
    switch (result) {
        case service::SubmitResult::kStored:
            return "The file is stored and is now your current file for the month.";
        case service::SubmitResult::kNoAcceptedRecords:
            return "No record could be accepted. Fix the findings below in your RIS extract and send the file again.";
        case service::SubmitResult::kFileRejected:
            return "The file as a whole could not be read as a DID extract. Fix what is listed and send it again.";
        case service::SubmitResult::kHeldBack:
            return "If far fewer records is right (a month sent in parts, say, or records removed on purpose), "
                   "send the file again below and confirm. If not, check the extract: records may be missing.";
        case service::SubmitResult::kAlreadyReceived:
            return "Nothing more to do: this exact file was received before.";
        case service::SubmitResult::kRefused:
            return "Nothing was stored. If you need to submit outside the window, ask the DID team for an exception.";
        case service::SubmitResult::kDryRun:
            return "Nothing was stored. If the comparison is what you expect, send the file without the check.";
    }
    return "";
}

Response ResultPage(Context& context, const UploadRequest& upload, const UploadResult& result) {
    const auto& outcome = result.outcome;
    PageData data = outcome.report ? ReportView(*outcome.report) : PageData();
    data.set("organisation", upload.provider);
    data.set("period", upload.period.ToString());
    data.set("file_name", upload.file_name);
    data.set("result", std::string(service::SubmitResultName(outcome.result)));
    data.set("message", outcome.message);
    data.set("next_step", NextStep(outcome.result));
    data.set("has_report", outcome.report.has_value());
    data.set("held_back", outcome.result == service::SubmitResult::kHeldBack);
    data.set("dry_run", outcome.result == service::SubmitResult::kDryRun);
    data.set("would_be", std::string(service::SubmitResultName(outcome.would_be)));
    if (outcome.diff.against_current) {
        data.set("has_diff", true);
        data.set("added", core::WithCommas(static_cast<uint64_t>(outcome.diff.added)));
        data.set("removed", core::WithCommas(static_cast<uint64_t>(outcome.diff.removed)));
        data.set("changed", core::WithCommas(static_cast<uint64_t>(outcome.diff.changed)));
        data.set("unchanged", core::WithCommas(static_cast<uint64_t>(outcome.diff.unchanged)));
    }
    if (outcome.receipt) {
        data.set("has_receipt", true);
        data.set("reference", outcome.receipt->reference);
        data.set("sha256", outcome.receipt->sha256);
        data.set("on_time", outcome.receipt->on_time);
        data.set("cutoff", outcome.receipt->cutoff.ToString());
    }
    if (outcome.result == service::SubmitResult::kHeldBack && outcome.previous && outcome.report) {
        // The drop guard's figures side by side, and the form to send the file again confirmed
        // (a browser cannot keep the file chosen: it is chosen again).
        const store::SubmissionRow& current = *outcome.previous;
        const auto accepted = static_cast<int64_t>(outcome.report->records.accepted);
        data.set("current_id", std::to_string(current.id));
        data.set("current_sent", current.submitted_at);
        data.set("current_accepted", core::WithCommas(static_cast<uint64_t>(current.accepted)));
        data.set("new_accepted", core::WithCommas(static_cast<uint64_t>(accepted)));
        data.set("drop", core::WithCommas(static_cast<uint64_t>(std::max<int64_t>(0, current.accepted - accepted))));
        data.set("message", fmt::format("This file has {} accepted records; your current file for {} (submission {}) "
                                        "has {}. Nothing was stored.",
                                        core::WithCommas(static_cast<uint64_t>(accepted)), upload.period.ToString(),
                                        current.id, core::WithCommas(static_cast<uint64_t>(current.accepted))));
    }
    if (outcome.submission) {
        data.set("submission_url",
                 fmt::format("/providers/{}/submissions/{}", upload.provider, outcome.submission->id));
    }
    data.set("csrf", context.principal.csrf_token);
    const int status = outcome.result == service::SubmitResult::kRefused ? 403 : 200;
    return context.Page("submit_result", "Submission result", data, status);
}

bool Ticked(const std::string& value) {
    return value == "on" || value == "true" || value == "1" || value == "yes";
}

Response Submit(Context& context) {
    UploadRequest upload;
    upload.provider = context.Param("organisation");
    std::string path = context.request.upload_path;
    std::string period_text;
    MultipartForm form;
    const std::string& content_type = context.request.Header("content-type");
    if (IsMultipart(content_type)) {
        auto read = ReadMultipart(context.request.upload_path, content_type, context.portal.options().spool_directory);
        if (!read) return context.Error(read.error());
        form = std::move(*read);
        if (!form.file || form.file->size() == 0) return context.ErrorStatus(400, "Choose the file to send.");
        path = form.file->path();
        upload.file_name = form.file_name;
        period_text = form.fields["period"];
        upload.dry_run = Ticked(form.fields["dry_run"]);
        upload.confirm_drop = Ticked(form.fields["confirm_drop"]);
    } else {
        // portal.js: the file is the body, the choices are in the query.
        upload.file_name = context.request.Query("file_name").value_or("upload.csv");
        period_text = context.request.Query("period").value_or("");
        upload.dry_run = Ticked(context.request.Query("dry_run").value_or(""));
        upload.confirm_drop = Ticked(context.request.Query("confirm_drop").value_or(""));
    }
    auto period = core::Period::Parse(period_text);
    if (!period) return context.ErrorStatus(400, "Choose the month the file is for.");
    upload.period = *period;

    const bool streamed = context.stream.wanted();
    if (streamed) {
        context.stream.Begin(200, "application/x-ndjson");
        const uint64_t total = context.request.upload_bytes;
        auto last = std::make_shared<std::chrono::steady_clock::time_point>();
        upload.progress = [&context, total, last](uint64_t done) {
            const auto now = std::chrono::steady_clock::now();
            if (now - *last < std::chrono::milliseconds(200)) return;
            *last = now;
            context.stream.Part(nlohmann::json{{"validated_bytes", done}, {"total_bytes", total}}.dump() + "\n");
        };
    }
    auto result = SubmitUpload(context, path, upload);
    if (!streamed) {
        if (!result) return context.Error(result.error());
        const auto kind = result->outcome.result;
        if ((kind == service::SubmitResult::kStored || kind == service::SubmitResult::kNoAcceptedRecords) &&
            result->outcome.submission) {
            return context.Redirect(
                fmt::format("/providers/{}/submissions/{}", upload.provider, result->outcome.submission->id));
        }
        return ResultPage(context, upload, *result);
    }
    // The last line: where to go, or the result to show in place.
    Response last;
    last.content_type = "application/x-ndjson";
    if (!result) {
        last.body = nlohmann::json{{"done", true}, {"error", result.error().message}}.dump() + "\n";
        return last;
    }
    const auto kind = result->outcome.result;
    if ((kind == service::SubmitResult::kStored || kind == service::SubmitResult::kNoAcceptedRecords) &&
        result->outcome.submission) {
        last.body = nlohmann::json{{"done", true},
                                   {"location", fmt::format("/providers/{}/submissions/{}", upload.provider,
                                                            result->outcome.submission->id)}}
                        .dump() +
                    "\n";
        return last;
    }
    const Response page = ResultPage(context, upload, *result);
    last.body = nlohmann::json{{"done", true}, {"html", page.body}}.dump() + "\n";
    return last;
}

}  // namespace

void AddSubmitPage(RouteTable& routes) {
    routes.Add({"GET",
                "/providers/{organisation}/submit",
                {Audience::kRoles, SubmitterRoles(), "organisation", false, false},
                SubmitForm,
                BodyKind::kSmall,
                "The submit page: choose the month and the file"});
    routes.Add({"POST",
                "/providers/{organisation}/submit",
                {Audience::kRoles, SubmitterRoles(), "organisation", false, true},
                Submit,
                BodyKind::kUpload,
                "Sends a file (multipart form, or the file as the body from portal.js)"});
}

}  // namespace did::http
