#include "service/submit_json.hpp"

#include <fmt/format.h>

#include "core/text_escape.hpp"
#include "report/validation_json.hpp"
#include "validate/rule_catalogue.hpp"

namespace did::service {
namespace {

void AppendReceiptJson(const Receipt& r, std::string& b) {
    b += ",\"receipt\":{\"reference\":";
    core::AppendJsonString(b, r.reference);
    b += fmt::format(
        ",\"sha256\":\"{}\",\"bytes\":{},\"received_at\":\"{}\",\"received_on\":\"{}\",\"backdated\":{},"
        "\"cutoff\":\"{}\",\"on_time\":{},\"records\":{},\"accepted\":{},\"rejected\":{},\"warned\":{}}}",
        r.sha256, r.bytes, r.received_at, r.received_on.ToString(), r.backdated, r.cutoff.ToString(), r.on_time,
        r.records, r.accepted, r.rejected, r.warned);
}

}  // namespace

// One object, every key always there, null when it does not apply (docs/command-line.md), so
// a program reads one shape whatever happened.
void WriteSubmitJson(const SubmitRequest& request, const SubmitOutcome& outcome,
                     const report::ReferenceDataUsed& reference, report::OutputStream& out) {
    std::string& b = out.buffer();
    b += "{\"result\":";
    core::AppendJsonString(b, SubmitResultName(outcome.result));
    b += ",\"message\":";
    core::AppendJsonString(b, outcome.message);
    const auto id_or_null = [](const auto& row) { return row ? std::to_string(row->id) : std::string("null"); };
    b += ",\"submission\":" + id_or_null(outcome.submission);
    b += ",\"previous\":" + id_or_null(outcome.previous);
    if (outcome.receipt) {
        AppendReceiptJson(*outcome.receipt, b);
    } else {
        b += ",\"receipt\":null";
    }
    if (request.dry_run) {
        const auto& d = outcome.diff;
        b +=
            fmt::format(",\"would_be\":\"{}\",\"diff\":{{\"added\":{},\"removed\":{},\"changed\":{},\"unchanged\":{}}}",
                        SubmitResultName(outcome.would_be), d.added, d.removed, d.changed, d.unchanged);
    } else {
        b += ",\"would_be\":null,\"diff\":null";
    }
    b += ",\"report\":";
    if (outcome.report) {
        report::ReportSubject subject;
        subject.file_name = request.file_name;
        subject.provider = request.provider;
        subject.period = request.period;
        subject.submitted = request.received_on;
        subject.reference = reference;
        // Known once the whole file was read: when stored, and for a dry run or a held-back file.
        if (outcome.receipt) subject.sha256 = outcome.receipt->sha256;
        (void)report::WriteValidationJson(*outcome.report, validate::RuleCatalogue::Standard(), subject, out);
        if (!b.empty() && b.back() == '\n') b.pop_back();
    } else {
        b += "null";
    }
    b += "}\n";
}

}  // namespace did::service
