#include "report/findings_csv.hpp"

#include <fmt/format.h>

#include <iterator>

#include "core/text_escape.hpp"

namespace did::report {

core::Status WriteFindingsCsv(const validate::ValidationReport& report, const validate::RuleCatalogue& rules,
                              OutputStream& out) {
    std::string& b = out.buffer();
    b += "line,site_code,accession_number,field,rule,severity,value,message\n";
    // Opened in a spreadsheet: the site code, accession number, `value` and `message` carry
    // what a provider sent, so they are guarded against formulas; the other columns are
    // numbers and the catalogue's own words.
    auto row = [&](const validate::Finding& f) {
        const auto& spec = rules.Spec(f.rule);
        fmt::format_to(std::back_inserter(b), "{},", f.line);
        core::AppendCsvReportCell(b, f.site_code());
        b += ',';
        core::AppendCsvReportCell(b, f.accession_number());
        b += ',';
        core::AppendCsvField(b, spec.field_label);
        b += ',';
        b += spec.code;
        b += ',';
        b += validate::SeverityName(f.severity);
        b += ',';
        core::AppendCsvReportCell(b, f.value);
        b += ',';
        core::AppendCsvReportCell(b, f.message);
        b += '\n';
        out.MaybeFlush();
        return true;
    };
    if (auto status = report.file_errors.ForEach(row); !status) return status;
    if (auto status = report.findings.ForEach(row); !status) return status;
    return out.Flush();
}

}  // namespace did::report
