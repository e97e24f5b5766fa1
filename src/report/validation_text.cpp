#include "report/validation_text.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/terminal_text.hpp"
#include "core/with_commas.hpp"
#include "report/likely_cause.hpp"

namespace did::report {

using core::ForTerminal;
using core::WithCommas;
using validate::RuleId;
using validate::Severity;

namespace {

constexpr size_t kFileErrorsShown = 20;

constexpr size_t kExamplesShown = 3;

// File-level findings: "lines 57, 58, …".
std::string Lines(const std::vector<validate::RuleExample>& examples, uint64_t count) {
    std::string out;
    for (size_t i = 0; i < examples.size() && i < 5; ++i)
        out += (i == 0 ? "" : ", ") + std::to_string(examples[i].line);
    if (count > 5) out += ", …";
    return out;
}

// A record finding, with what a RIS team needs to find the examination:
// "line 12 · site RXX01 · accession ACC123". A part the record left empty is left out; an
// accession number with a space in it is quoted, so that where it ends is plain.
std::string Where(const validate::RuleExample& example) {
    std::string out = "line " + std::to_string(example.line);
    if (!example.place) return out;
    const std::string_view site = example.place->site_code();
    const std::string_view accession = example.place->accession_number();
    if (!site.empty()) out += " · site " + ForTerminal(site);
    if (!accession.empty()) {
        const bool quoted = accession.find(' ') != std::string_view::npos;
        out += " · accession " + (quoted ? "\"" + ForTerminal(accession) + "\"" : ForTerminal(accession));
    }
    return out;
}

std::string Size(uint64_t bytes) {
    if (bytes >= 1'000'000) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
    if (bytes >= 1'000) return fmt::format("{:.1f} kB", static_cast<double>(bytes) / 1e3);
    return fmt::format("{} bytes", bytes);
}

void RuleSection(std::string& b, const validate::ValidationReport& report, const validate::RuleCatalogue& rules,
                 Severity severity, std::string_view title) {
    std::vector<int> shown;
    size_t code_width = 0;
    size_t count_width = 0;
    for (int i = 0; i < validate::kRuleCount; ++i) {
        const auto& tally = report.tallies[static_cast<size_t>(i)];
        if (tally.count == 0 || report.severities[static_cast<size_t>(i)] != severity) continue;
        shown.push_back(i);
        code_width = std::max(code_width, rules.Spec(static_cast<RuleId>(i)).code.size());
        count_width = std::max(count_width, WithCommas(tally.count).size());
    }
    if (shown.empty()) return;
    b += fmt::format("\n{}\n", title);
    for (int i : shown) {
        const auto& tally = report.tallies[static_cast<size_t>(i)];
        const auto& spec = rules.Spec(static_cast<RuleId>(i));
        b += fmt::format("  {:<{}}  {:>{}}  {}\n", spec.code, code_width, WithCommas(tally.count), count_width,
                         spec.meaning);
        const bool records = std::any_of(tally.examples.begin(), tally.examples.end(),
                                         [](const validate::RuleExample& e) { return e.place != nullptr; });
        if (!records) {
            b += fmt::format("  {:<{}}  {:>{}}  lines {}\n", "", code_width, "", count_width,
                             Lines(tally.examples, tally.count));
            continue;
        }
        for (size_t e = 0; e < tally.examples.size() && e < kExamplesShown; ++e) {
            b += fmt::format("  {:<{}}  {:>{}}  {}\n", "", code_width, "", count_width, Where(tally.examples[e]));
        }
        if (tally.count > kExamplesShown) b += fmt::format("  {:<{}}  {:>{}}  …\n", "", code_width, "", count_width);
    }
}

// Rules that did not run, grouped by what they would need.
void NotRunSection(std::string& b, const validate::ValidationReport& report, const validate::RuleCatalogue& rules) {
    std::vector<std::pair<validate::Needs, std::string>> groups;
    for (RuleId rule : report.not_run) {
        const auto& spec = rules.Spec(rule);
        if (spec.needs == validate::Needs::kXml) continue;
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == spec.needs; });
        if (it == groups.end()) {
            groups.emplace_back(spec.needs, std::string(spec.code));
        } else {
            it->second += ", " + std::string(spec.code);
        }
    }
    if (groups.empty()) return;
    b += "\nNot checked here, for want of:\n";
    for (const auto& [needs, codes] : groups) b += fmt::format("  {}: {}\n", validate::NeedsDescription(needs), codes);
}

}  // namespace

// Everything here that came from a file or a user (the names in the heading, messages that
// quote header cells, the site codes and accession numbers beside example lines) goes
// through ForTerminal: the report is read on a terminal, and a value must not be able to act
// on it. No other record value appears in this summary.
core::Status WriteValidationText(const validate::ValidationReport& report, const validate::RuleCatalogue& rules,
                                 const TextReportHeading& heading, OutputStream& out) {
    std::string& b = out.buffer();
    b += fmt::format("DID validation of {} ({}{})\n", ForTerminal(heading.file_name), Size(report.bytes),
                     report.has_header ? ", with a header row" : "");
    b += fmt::format("Provider {}, period {}, submitted {}; checked in {:.2f} s\n",
                     heading.provider.empty() ? "not given" : ForTerminal(heading.provider),
                     heading.period ? heading.period->ToString() : "not given", heading.submitted.ToString(),
                     heading.seconds);
    b += "Reference data: " + ForTerminal(DescribeReferenceData(heading.reference)) + "\n\n";

    if (report.file_rejected()) {
        b += "FILE REJECTED: nothing in it can be stored until these are put right.\n\n";
        uint64_t shown = 0;
        auto status = report.file_errors.ForEach([&](const validate::Finding& f) {
            const auto& spec = rules.Spec(f.rule);
            if (f.line > 0) {
                b += fmt::format("  {:<12} line {}: {}\n", spec.code, f.line, ForTerminal(f.message));
            } else {
                b += fmt::format("  {:<12} {}\n", spec.code, ForTerminal(f.message));
            }
            return ++shown < kFileErrorsShown;
        });
        if (!status) return status;
        if (report.file_errors.size() > shown) {
            b += fmt::format("  … and {} more file errors.\n", WithCommas(report.file_errors.size() - shown));
        }
        RuleSection(b, report, rules, Severity::kFile, "File errors, by rule");
    } else {
        const auto& r = report.records;
        const double rejected_pct =
            r.total == 0 ? 0 : 100.0 * static_cast<double>(r.rejected) / static_cast<double>(r.total);
        if (!heading.verdict.empty()) {
            b += heading.verdict + "\n\n";
        } else {
            b += r.rejected == 0   ? "FILE ACCEPTED: every record passed.\n\n"
                 : r.accepted == 0 ? "NO RECORD ACCEPTED: every record was rejected, so there is nothing to store.\n\n"
                                   : "FILE ACCEPTED, but some records were rejected and will not be stored.\n\n";
        }
        if (const auto cause = LikelyCause(report, rules, heading.provider)) {
            b += "Likely cause: " + ForTerminal(*cause) + "\n\n";
        }
        b += fmt::format("  Records    {:>12}\n", WithCommas(r.total));
        b += fmt::format("  Accepted   {:>12}   ({} with warnings)\n", WithCommas(r.accepted), WithCommas(r.warned));
        b += fmt::format("  Rejected   {:>12}   ({:.2f}%)\n", WithCommas(r.rejected), rejected_pct);
        RuleSection(b, report, rules, Severity::kReject,
                    "Rejected records, by rule (one record can break several rules)");
        RuleSection(b, report, rules, Severity::kWarn, "Warnings (the records are kept)");
    }

    NotRunSection(b, report, rules);
    const uint64_t total_findings = report.findings.size() + report.file_errors.size();
    if (!heading.findings_path.empty()) {
        b += fmt::format("\nEvery finding ({}) is in {}.\n", WithCommas(total_findings),
                         ForTerminal(heading.findings_path));
    } else if (total_findings > 0) {
        b += fmt::format(
            "\nEvery finding ({}), with line, field, value and message:\n  {} --findings findings.csv"
            "   (or --format json)\n",
            WithCommas(total_findings),
            ForTerminal(heading.rerun_command.empty() ? "did validate " + heading.file_name : heading.rerun_command));
    }
    if (!heading.rejected_path.empty()) {
        const std::string path = ForTerminal(heading.rejected_path);
        b += report.file_rejected() ? fmt::format("\nThe file was rejected as a whole: {} is a copy of it.\n", path)
             : report.records.rejected == 0
                 ? fmt::format("\nNo record was rejected: {} holds {}.\n", path,
                               report.has_header ? "the header line alone" : "nothing")
                 : fmt::format("\nThe {} rejected record{} {} in {}, as sent{}.\n", WithCommas(report.records.rejected),
                               report.records.rejected == 1 ? "" : "s", report.records.rejected == 1 ? "is" : "are",
                               path, report.has_header ? ", after the header line" : "");
    }
    if (!heading.accepted_path.empty()) {
        b += report.file_rejected()
                 ? "\nNo accepted records were written: the file was rejected.\n"
                 : fmt::format("\nAccepted records are in {}.\n", ForTerminal(heading.accepted_path));
    }
    return out.Flush();
}

}  // namespace did::report
