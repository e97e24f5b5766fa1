// One stored submission: its counts, what to do next, per rule what was found, every finding
// (100 a page, filtered by rule and by field) and the findings as CSV, all read back through
// service::ReadFindings, which records each view in the audit log (findings hold values as
// sent); and the submitter's feedback on the burden, stored with the file by
// service::RecordFeedback.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <vector>

#include "core/with_commas.hpp"
#include "http/context.hpp"
#include "http/provider_view.hpp"
#include "http/routes.hpp"
#include "http/target.hpp"
#include "service/stored_findings_csv.hpp"
#include "service/submission_admin.hpp"
#include "validate/rule_catalogue.hpp"

namespace did::http {
namespace {

constexpr int64_t kPerPage = 100;
constexpr size_t kExamples = 3;
constexpr const char* kNoSubmission = "There is no such submission.";

// The submission the path names, when it is the organisation's: another's is not found, just
// as one that does not exist.
core::Result<store::SubmissionRow> OwnSubmission(const Context& context) {
    const auto id = ParseWholeNumber(context.Param("id"));
    if (!id) return core::Fail(core::Error::NotFound(kNoSubmission));
    auto row = service::GetSubmission(context.store, *id);
    if (!row && row.error().code == core::ErrorCode::kNotFound) {
        return core::Fail(core::Error::NotFound(kNoSubmission));
    }
    if (!row) return core::Fail(row.error());
    if (row->provider != context.Param("organisation")) return core::Fail(core::Error::NotFound(kNoSubmission));
    return row;
}

std::string Effect(const std::string& severity) {
    if (severity == "warn") return "Warning";
    if (severity == "file") return "Rejects the file";
    return "Rejects the record";
}

std::string Count(int64_t value) {
    return core::WithCommas(static_cast<uint64_t>(value));
}

// Per rule, what the stored findings hold.
struct RuleTally {
    std::string severity;
    int64_t count = 0;
    std::vector<store::FindingRow> examples;
};

// Rules in report order (the catalogue's), any other code after them.
size_t ReportOrder(const std::string& code) {
    const auto all = validate::RuleCatalogue::Standard().All();
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i].code == code) return i;
    }
    return all.size();
}

std::string Meaning(const std::string& code) {
    const auto& catalogue = validate::RuleCatalogue::Standard();
    const auto id = catalogue.Find(code);
    return id ? std::string(catalogue.Spec(*id).meaning) : std::string();
}

struct Filter {
    std::string rule;
    std::string field;
    int64_t page = 1;

    bool Matches(const store::FindingRow& finding) const {
        return (rule.empty() || finding.rule == rule) && (field.empty() || finding.field == field);
    }
};

Filter FilterOf(const Request& request) {
    Filter filter;
    filter.rule = request.Query("rule").value_or("");
    filter.field = request.Query("field").value_or("");
    const auto page = ParseWholeNumber(request.Query("page").value_or(""));
    filter.page = page && *page > 0 ? *page : 1;
    return filter;
}

// The page of findings `page`, keeping the filters.
std::string PageUrl(const store::SubmissionRow& row, const Filter& filter, int64_t page) {
    std::string query;
    const auto add = [&](const char* name, const std::string& value) {
        if (!value.empty()) query += fmt::format("{}{}={}", query.empty() ? "?" : "&", name, UrlEncode(value));
    };
    add("rule", filter.rule);
    add("field", filter.field);
    if (page > 1) add("page", std::to_string(page));
    return SubmissionUrl(row) + query + "#findings";
}

PageData Options(const std::set<std::string>& values, const std::string& selected,
                 const std::map<std::string, std::string>& labels = {}) {
    PageData options{PageData::type::list};
    for (const auto& value : values) {
        PageData option;
        option.set("value", value);
        const auto label = labels.find(value);
        option.set("label", label == labels.end() ? value : value + " – " + label->second);
        option.set("selected", value == selected);
        options.push_back(option);
    }
    return options;
}

// What the submitter can do about this file, in a sentence.
std::string NextStep(const store::SubmissionRow& row) {
    switch (row.status) {
        case store::SubmissionStatus::kSuperseded:
            return "A later file replaced this one as the month's current file: nothing to do here.";
        case store::SubmissionStatus::kRejected:
            return "No record in this file could be accepted, so it replaced nothing. Fix the findings below in your "
                   "RIS extract and send the whole month's file again.";
        case store::SubmissionStatus::kCurrent:
            if (row.rejected > 0) {
                return fmt::format(
                    "This is the month's current file, but {} rejected record{} not counted. Fix the findings below "
                    "in your RIS extract and send the whole month's file again before the final deadline.",
                    Count(row.rejected), row.rejected == 1 ? " is" : "s are");
            }
            return "This is the month's current file and every record was accepted: nothing more to do.";
        case store::SubmissionStatus::kLoading:
            break;
    }
    return "This file is still being stored. Reload the page in a moment.";
}

// The feedback form as sent back with a problem, or as it is stored.
struct FeedbackForm {
    std::string minutes;
    std::string comment;
    std::string error;
    bool comment_error = false;  // the problem is the comment's, not the minutes'
};

FeedbackForm StoredFeedback(const store::SubmissionRow& row) {
    return {row.prep_minutes ? std::to_string(*row.prep_minutes) : std::string(), row.comment, "", false};
}

Response SubmissionPage(Context& context, const store::SubmissionRow& row, const FeedbackForm& feedback, int status) {
    const Filter filter = FilterOf(context.request);
    const int64_t first = (filter.page - 1) * kPerPage;
    std::map<std::string, RuleTally> tallies;
    std::set<std::string> fields;
    int64_t total = 0;
    int64_t matched = 0;
    PageData shown{PageData::type::list};
    auto read = service::ReadFindings(context.store, context.Actor(), row.id, [&](const store::FindingRow& finding) {
        RuleTally& tally = tallies[finding.rule];
        if (tally.count == 0) tally.severity = finding.severity;
        ++tally.count;
        if (tally.examples.size() < kExamples) tally.examples.push_back(finding);
        if (!finding.field.empty()) fields.insert(finding.field);
        ++total;
        if (!filter.Matches(finding)) return true;
        if (matched >= first && matched < first + kPerPage) {
            PageData item;
            item.set("line", std::to_string(finding.line));
            item.set("site", finding.site_code);
            item.set("accession", finding.accession_number);
            item.set("field", finding.field);
            item.set("rule", finding.rule);
            item.set("effect", Effect(finding.severity));
            item.set("value", finding.value);
            item.set("message", finding.message);
            shown.push_back(item);
        }
        ++matched;
        return true;
    });
    if (!read) return context.Error(read.error());

    std::vector<std::pair<size_t, std::string>> order;
    std::map<std::string, std::string> meanings;
    for (const auto& [code, tally] : tallies) {
        order.emplace_back(ReportOrder(code), code);
        meanings[code] = Meaning(code);
    }
    std::sort(order.begin(), order.end());
    PageData rules{PageData::type::list};
    std::set<std::string> codes;
    for (const auto& [position, code] : order) {
        const RuleTally& tally = tallies[code];
        codes.insert(code);
        PageData rule;
        rule.set("code", code);
        rule.set("meaning", meanings[code]);
        rule.set("effect", Effect(tally.severity));
        rule.set("count", Count(tally.count));
        rule.set("filter_url", PageUrl(row, Filter{code, "", 1}, 1));
        PageData examples{PageData::type::list};
        for (const auto& example : tally.examples) {
            std::string text = "line " + std::to_string(example.line);
            if (!example.site_code.empty()) text += " · " + example.site_code;
            if (!example.accession_number.empty()) text += " · " + example.accession_number;
            examples.push_back(PageData(text));
        }
        rule.set("examples", examples);
        rules.push_back(rule);
    }

    PageData data = SubmissionView(row);
    data.set("organisation", row.provider);
    data.set("sha256", row.file_sha256);
    data.set("next_step", NextStep(row));
    data.set("findings_total", Count(total));
    data.set("has_findings", total > 0);
    data.set("rules", rules);
    data.set("rule_options", Options(codes, filter.rule, meanings));
    data.set("field_options", Options(fields, filter.field));
    data.set("filtered", !filter.rule.empty() || !filter.field.empty());
    data.set("matched", Count(matched));
    data.set("findings", shown);
    data.set("has_shown", !shown.is_empty_list());
    const int64_t pages = matched == 0 ? 1 : (matched + kPerPage - 1) / kPerPage;
    data.set("page", std::to_string(filter.page));
    data.set("pages", std::to_string(pages));
    data.set("from", Count(shown.is_empty_list() ? 0 : first + 1));
    data.set("to", Count(std::min(matched, first + kPerPage)));
    const bool has_previous = filter.page > 1;
    const bool has_next = filter.page < pages;
    data.set("has_pagination", has_previous || has_next);
    if (has_previous) {
        const int64_t previous = std::min(filter.page - 1, pages);
        data.set("previous_url", PageUrl(row, filter, previous));
        data.set("previous_label", fmt::format("Page {} of {}", previous, pages));
    }
    if (has_next) {
        data.set("next_url", PageUrl(row, filter, filter.page + 1));
        data.set("next_label", fmt::format("Page {} of {}", filter.page + 1, pages));
    }
    data.set("csv_url", SubmissionUrl(row) + "/findings.csv");

    data.set("can_submit", CanSubmit(context.principal));
    data.set("csrf", context.principal.csrf_token);
    data.set("feedback_saved", context.request.Query("feedback").value_or("") == "saved");
    data.set("feedback_given", row.prep_minutes.has_value() || !row.comment.empty());
    if (row.prep_minutes) data.set("given_minutes", std::to_string(*row.prep_minutes));
    if (!row.comment.empty()) data.set("given_comment", row.comment);
    data.set("minutes", feedback.minutes);
    data.set("comment", feedback.comment);
    if (!feedback.error.empty()) {
        // A section opens on any string, even an empty one: the error's keys exist only with one.
        data.set("feedback_error", feedback.error);
        data.set(feedback.comment_error ? "comment_error" : "minutes_error", feedback.error);
        data.set("error_target", feedback.comment_error ? std::string("comment") : std::string("prep_minutes"));
    }
    return context.Page("provider_submission", fmt::format("Submission {}", row.id), std::move(data), status);
}

Response Submission(Context& context) {
    auto row = OwnSubmission(context);
    if (!row) return context.Error(row.error());
    return SubmissionPage(context, *row, StoredFeedback(*row), 200);
}

Response FindingsCsv(Context& context) {
    auto row = OwnSubmission(context);
    if (!row) return context.Error(row.error());
    Response response;
    response.body = service::kFindingsCsvHeader;
    auto read = service::ReadFindings(context.store, context.Actor(), row->id, [&](const store::FindingRow& finding) {
        service::AppendFindingCsv(response.body, finding);
        return true;
    });
    if (!read) return context.Error(read.error());
    response.content_type = "text/csv; charset=utf-8";
    response.headers.emplace_back(
        "Content-Disposition", fmt::format("attachment; filename=\"{}-{}-submission-{}-findings.csv\"", row->provider,
                                           row->period.ToString(), row->id));
    return response;
}

std::string Trimmed(const std::string& text) {
    const size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos) return {};
    return text.substr(start, text.find_last_not_of(" \t\r\n") - start + 1);
}

Response Feedback(Context& context) {
    auto row = OwnSubmission(context);
    if (!row) return context.Error(row.error());
    FeedbackForm form{Trimmed(context.Form("prep_minutes")), context.Form("comment"), "", false};
    std::optional<int64_t> minutes;
    if (!form.minutes.empty()) {
        minutes = ParseWholeNumber(form.minutes);
        if (!minutes) {
            form.error = "Enter the time the extract took as a whole number of minutes, like 45";
            return SubmissionPage(context, *row, form, 400);
        }
    }
    auto recorded = service::RecordFeedback(context.store, context.Actor(), row->id, minutes, form.comment);
    if (!recorded && recorded.error().code == core::ErrorCode::kInvalidArgument) {
        std::string message = recorded.error().message;
        form.comment_error = message.starts_with("the comment");
        if (!message.empty()) message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
        form.error = message;
        return SubmissionPage(context, *row, form, 400);
    }
    if (!recorded) return context.Error(recorded.error());
    return context.Redirect(SubmissionUrl(*row) + "?feedback=saved#feedback");
}

}  // namespace

void AddSubmissionPage(RouteTable& routes) {
    const AccessRule read{Audience::kRoles, ProviderRoles(), "organisation", false, false};
    routes.Add({"GET", "/providers/{organisation}/submissions/{id}", read, Submission, BodyKind::kSmall,
                "A stored submission's validation result, with every finding (audited)"});
    routes.Add({"GET", "/providers/{organisation}/submissions/{id}/findings.csv", read, FindingsCsv, BodyKind::kSmall,
                "A stored submission's findings as CSV (audited)"});
    routes.Add({"POST",
                "/providers/{organisation}/submissions/{id}/feedback",
                {Audience::kRoles, SubmitterRoles(), "organisation", false, true},
                Feedback,
                BodyKind::kSmall,
                "Stores the submitter's feedback on the burden of the collection with the file (audited)"});
}

}  // namespace did::http
