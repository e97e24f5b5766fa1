// Reading the ODS standard files: header-less CSV; column 1 the code, 2 the name, 3 the
// national grouping (the NHS England region), 4 the high level health geography (the
// Integrated Care Board's ODS code), 10 the postcode, 11 and 12 the open and close
// dates (CCYYMMDD), 13 the status (epraccur), 15 the parent (a practice's commissioner; for
// sites, when given). Pure parsing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "refdata/organisation_directory.hpp"

namespace did::refdata {

struct OdsParseResult {
    std::vector<Organisation> organisations;
    std::vector<std::string> problems;  // "line N: …", at most 20; any problem refuses the file
    size_t problem_count = 0;
};

OdsParseResult ParseOdsFile(std::string_view text, OrgKind kind);

// An ODS code: one to seven capital letters and digits.
bool IsOdsCode(std::string_view code);

// The kind an ODS file holds, from its usual name (epraccur, etr, ets, …), when it is known.
std::optional<OrgKind> OdsKindFromFileName(std::string_view file_name);

}  // namespace did::refdata
