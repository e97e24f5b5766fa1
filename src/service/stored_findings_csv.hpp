// A stored submission's findings as the findings CSV (the columns `did validate --findings`
// writes), one row at a time, with the same guarded cells: for `did findings` and the
// portal's download alike.
#pragma once

#include <string>
#include <string_view>

#include "store/types.hpp"

namespace did::service {

inline constexpr std::string_view kFindingsCsvHeader =
    "line,site_code,accession_number,field,rule,severity,value,message\n";

void AppendFindingCsv(std::string& out, const store::FindingRow& finding);

}  // namespace did::service
