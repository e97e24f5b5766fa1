// The names and codes of England's Integrated Care Boards, as ONS publishes them ("Integrated
// Care Boards (July 2023) Names and Codes in England"): a CSV with a header whose columns are
// found by their pattern, ICByyCD (the E54 code), ICByyCDH (the ODS code, Q…) and ICByyNM, so
// that next year's file (ICB24…) reads as well. The statistics tables by commissioner name an
// ICB by its ODS code and this name; a GP practice gives its ICB's ODS code (ODS column 4), a
// postcode its E54 code, and this file joins the two. Pure parsing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace did::refdata {

struct IcbName {
    std::string code;      // E54…
    std::string ods_code;  // Q…
    std::string name;
};

// Every ICB of the file; fails on the first row that is not one (naming its line), or when a
// column is missing.
core::Result<std::vector<IcbName>> ParseIcbNames(std::string_view csv);

}  // namespace did::refdata
