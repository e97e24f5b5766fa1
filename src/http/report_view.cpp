#include "http/report_view.hpp"

#include <string>

#include "core/with_commas.hpp"
#include "validate/rule_catalogue.hpp"

namespace did::http {

PageData ReportView(const validate::ValidationReport& report) {
    const auto& catalogue = validate::RuleCatalogue::Standard();
    PageData view;
    view.set("records", core::WithCommas(report.records.total));
    view.set("accepted", core::WithCommas(report.records.accepted));
    view.set("rejected", core::WithCommas(report.records.rejected));
    view.set("warned", core::WithCommas(report.records.warned));
    PageData rules{PageData::type::list};
    for (size_t i = 0; i < report.tallies.size(); ++i) {
        const auto& tally = report.tallies[i];
        if (tally.count == 0) continue;
        const auto& spec = catalogue.All()[i];
        PageData rule;
        rule.set("code", std::string(spec.code));
        rule.set("meaning", std::string(spec.meaning));
        rule.set("field", std::string(spec.field_label));
        rule.set("severity", std::string(validate::SeverityName(report.severities[i])));
        rule.set("rejects", report.severities[i] != validate::Severity::kWarn);
        rule.set("count", core::WithCommas(tally.count));
        std::string examples;
        for (size_t e = 0; e < tally.examples.size() && e < 3; ++e) {
            examples += (e > 0 ? ", " : "") + std::to_string(tally.examples[e].line);
        }
        rule.set("example_lines", examples);
        rules.push_back(rule);
    }
    view.set("has_rules", !rules.is_empty_list());
    view.set("rules", rules);
    PageData file_errors{PageData::type::list};
    (void)report.file_errors.ForEach([&](const validate::Finding& finding) {
        PageData error;
        error.set("line", std::to_string(finding.line));
        error.set("code", std::string(catalogue.Spec(finding.rule).code));
        error.set("message", finding.message);
        file_errors.push_back(error);
        return true;
    });
    view.set("has_file_errors", !file_errors.is_empty_list());
    view.set("file_errors", file_errors);
    return view;
}

}  // namespace did::http
