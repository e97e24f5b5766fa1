#include "report/validation_json.hpp"

#include <fmt/format.h>

#include <iterator>

#include "core/text_escape.hpp"
#include "report/likely_cause.hpp"

namespace did::report {

using validate::Finding;
using validate::RuleId;

core::Status WriteValidationJson(const validate::ValidationReport& report, const validate::RuleCatalogue& rules,
                                 const ReportSubject& subject, OutputStream& out) {
    std::string& b = out.buffer();
    auto string_or_null = [&](const std::string& value) {
        if (value.empty()) {
            b += "null";
        } else {
            core::AppendJsonString(b, value);
        }
    };
    b += "{\"subject\":{\"file\":";
    core::AppendJsonString(b, subject.file_name);
    fmt::format_to(std::back_inserter(b), ",\"bytes\":{},\"sha256\":", report.bytes);
    string_or_null(subject.sha256);
    b += ",\"provider\":";
    string_or_null(subject.provider);
    b += ",\"period\":";
    string_or_null(subject.period ? subject.period->ToString() : "");
    b += ",\"submitted\":";
    core::AppendJsonString(b, subject.submitted.ToString());
    const ReferenceDataUsed& used = subject.reference;
    b += "},\"reference_data\":{\"source\":";
    core::AppendJsonString(b, used.source);
    b += ",\"location\":";
    string_or_null(used.location);
    b += ",\"exported_at\":";
    string_or_null(used.exported_at);
    b += ",\"catalogue\":{\"source\":";
    core::AppendJsonString(b, used.catalogue);
    b += ",\"imported_at\":";
    string_or_null(used.catalogue_imported_at);
    b += ",\"file\":";
    string_or_null(used.catalogue_file);
    fmt::format_to(std::back_inserter(b), ",\"codes\":{}}}", used.catalogue_codes);
    b += "},\"likely_cause\":";
    string_or_null(LikelyCause(report, rules, subject.provider).value_or(""));
    b += ",\"file_errors\":[";
    bool first = true;
    auto status = report.file_errors.ForEach([&](const Finding& f) {
        b += first ? "" : ",";
        first = false;
        b += "{\"rule\":";
        core::AppendJsonString(b, rules.Spec(f.rule).code);
        fmt::format_to(std::back_inserter(b), ",\"line\":{},\"message\":", f.line);
        core::AppendJsonString(b, f.message);
        b += '}';
        out.MaybeFlush();
        return true;
    });
    if (!status) return status;

    const auto& r = report.records;
    b += fmt::format("],\"records\":{{\"total\":{},\"accepted\":{},\"rejected\":{},\"warned\":{}}},\"rules\":[",
                     r.total, r.accepted, r.rejected, r.warned);
    first = true;
    for (int i = 0; i < validate::kRuleCount; ++i) {
        const auto& tally = report.tallies[static_cast<size_t>(i)];
        if (tally.count == 0) continue;
        const auto rule = static_cast<RuleId>(i);
        b += first ? "{\"rule\":" : ",{\"rule\":";
        first = false;
        core::AppendJsonString(b, rules.Spec(rule).code);
        b += ",\"severity\":";
        core::AppendJsonString(b, validate::SeverityName(report.severities[static_cast<size_t>(i)]));
        fmt::format_to(std::back_inserter(b), ",\"count\":{},\"example_lines\":[", tally.count);
        for (size_t e = 0; e < tally.examples.size(); ++e) {
            fmt::format_to(std::back_inserter(b), "{}{}", e == 0 ? "" : ",", tally.examples[e].line);
        }
        b += "]}";
    }
    b += "],\"rules_not_run\":[";
    first = true;
    for (RuleId rule : report.not_run) {
        b += first ? "{\"rule\":" : ",{\"rule\":";
        first = false;
        core::AppendJsonString(b, rules.Spec(rule).code);
        b += ",\"needs\":";
        core::AppendJsonString(b, validate::NeedsDescription(rules.Spec(rule).needs));
        b += '}';
    }
    b += "],\"findings\":[";
    first = true;
    status = report.findings.ForEach([&](const Finding& f) {
        const auto& spec = rules.Spec(f.rule);
        b += first ? "" : ",";
        first = false;
        fmt::format_to(std::back_inserter(b), "{{\"line\":{},\"site_code\":", f.line);
        core::AppendJsonString(b, f.site_code());
        b += ",\"accession_number\":";
        core::AppendJsonString(b, f.accession_number());
        b += ",\"field\":";
        core::AppendJsonString(b, spec.field_label);
        b += ",\"rule\":";
        core::AppendJsonString(b, spec.code);
        b += ",\"severity\":";
        core::AppendJsonString(b, validate::SeverityName(f.severity));
        b += ",\"value\":";
        core::AppendJsonString(b, f.value);
        b += ",\"message\":";
        core::AppendJsonString(b, f.message);
        b += '}';
        out.MaybeFlush();
        return true;
    });
    if (!status) return status;
    b += "]}\n";
    return out.Flush();
}

}  // namespace did::report
