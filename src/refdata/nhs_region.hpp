// The seven NHS England regions, as ODS names them in the national grouping column (column 3)
// of its organisation files: the region a provider reports to. Constant data; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace did::refdata {

struct NhsRegion {
    std::string_view code;  // Y56 … Y63
    std::string_view name;  // "North East and Yorkshire"
};

const std::vector<NhsRegion>& NhsRegions();

// The region's name; a code that is not one of the seven (an older grouping, a Welsh
// organisation) as it is; empty for empty.
std::string NhsRegionName(std::string_view code);

// "north-east-and-yorkshire": a name as a command-line choice (lower case, words joined by '-').
std::string NhsRegionChoice(std::string_view name);

}  // namespace did::refdata
