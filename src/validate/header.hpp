// Header rows: deciding whether a file's first line names the columns, and whether the
// names it gives are the eighteen DID columns in order. Pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace did::validate {

// The fine print: the first field (trimmed) is neither empty nor 10 digits, and either one of
// the fields is a known column name or no field contains a digit.
bool LooksLikeHeader(std::span<const std::string_view> fields);

// Case, whitespace, '_' and punctuation removed: "Site_Code (of imaging)" -> "sitecodeofimaging".
std::string NormaliseColumnName(std::string_view name);

struct HeaderMismatch {
    size_t column;              // 1-based
    std::string found;          // as sent
    std::string_view expected;  // the Data Dictionary name
};

// Position-by-position comparison of an 18-column header with the DID columns.
std::vector<HeaderMismatch> CompareHeader(std::span<const std::string_view> fields);

}  // namespace did::validate
