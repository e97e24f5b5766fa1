#include "service/stored_findings_csv.hpp"

#include "core/text_escape.hpp"

namespace did::service {

void AppendFindingCsv(std::string& out, const store::FindingRow& f) {
    out += std::to_string(f.line);
    for (const std::string* cell :
         {&f.site_code, &f.accession_number, &f.field, &f.rule, &f.severity, &f.value, &f.message}) {
        out += ',';
        core::AppendCsvReportCell(out, *cell);
    }
    out += '\n';
}

}  // namespace did::service
