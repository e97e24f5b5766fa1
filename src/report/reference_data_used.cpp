#include "report/reference_data_used.hpp"

#include <fmt/format.h>

#include "core/with_commas.hpp"

namespace did::report {

std::string DescribeReferenceData(const ReferenceDataUsed& used) {
    std::string text;
    if (used.source == "bundle") {
        text = "bundle " + used.location + (used.exported_at.empty() ? "" : " exported " + used.exported_at) + "; ";
    } else if (used.source == "database") {
        text = "database " + used.location + "; ";
    } else if (used.source == "shipped") {
        text =
            "none but the NICIP catalogue (no ODS, postcodes, agreements, local codes or exclusions: "
            "--refdata BUNDLE or --db URL for the central checks); ";
    }
    if (used.catalogue == "shipped") {
        text += "NICIP catalogue as shipped";
    } else if (used.source == "data directory") {
        text += "NICIP catalogue from " + used.location + " (an earlier version's import)";
    } else {
        text += "NICIP catalogue imported";
        if (!used.catalogue_imported_at.empty()) text += " " + used.catalogue_imported_at;
        if (!used.catalogue_file.empty()) text += " from " + used.catalogue_file;
    }
    return text + fmt::format(" ({} codes)", core::WithCommas(used.catalogue_codes));
}

}  // namespace did::report
