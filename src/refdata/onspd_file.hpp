// Reading the ONS Postcode Directory: a CSV with a header row whose columns are found by name
// (pcds, doterm, oslaua, rgn, lsoa21 or lsoa11, icb; the others are ignored), then one row per
// postcode. Pure parsing, one row at a time: the directory (2.7 million rows) is streamed by
// the caller, never held whole.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace did::refdata {

// The ONS Postcode Directory's columns of interest, found by name in its header row.
struct OnspdColumns {
    int pcds = -1;
    int doterm = -1;
    int oslaua = -1;
    int rgn = -1;
    int lsoa = -1;  // lsoa21, else lsoa11
    int icb = -1;

    // Fails, naming what is missing, when pcds is absent.
    static core::Result<OnspdColumns> FromHeader(const std::vector<std::string_view>& header);
};

// One postcode of the directory, as the store keeps it.
struct OnspdEntry {
    std::string postcode;    // one space between outward and inward code
    std::string terminated;  // ISO: YYYY-MM from doterm's CCYYMM (YYYY-MM-DD from CCYYMMDD); empty while live
    std::string local_authority;
    std::string region;
    std::string lsoa;
    std::string icb;
};

// One data row. Fails when pcds is not a postcode (the whole directory is refused then); a
// termination date that is not CCYYMM or CCYYMMDD is read as none. Reuses `entry`'s strings.
core::Status ReadOnspdRow(const OnspdColumns& columns, std::span<const std::string_view> fields, OnspdEntry& entry);

}  // namespace did::refdata
