#include "refdata/onspd_file.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/date.hpp"
#include "core/postcode.hpp"

namespace did::refdata {
namespace {

std::string_view Cell(std::span<const std::string_view> fields, int column) {
    return column >= 0 && static_cast<size_t>(column) < fields.size() ? fields[static_cast<size_t>(column)]
                                                                      : std::string_view();
}

// The directory writes doterm as CCYYMM: the month the postcode was terminated, kept as a
// month (YYYY-MM) since the day is not known. CCYYMMDD, as other ONS files write dates, is
// kept as the day.
std::string IsoFromCompact(std::string_view text) {
    if (text.size() != 6 && text.size() != 8) return "";
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return "";
    const std::string day = text.size() == 8 ? std::string(text.substr(6, 2)) : "01";
    const std::string iso = fmt::format("{}-{}-{}", text.substr(0, 4), text.substr(4, 2), day);
    if (!core::Date::Parse(iso)) return "";
    return text.size() == 8 ? iso : iso.substr(0, 7);
}

}  // namespace

core::Result<OnspdColumns> OnspdColumns::FromHeader(const std::vector<std::string_view>& header) {
    OnspdColumns columns;
    int lsoa11 = -1;
    for (size_t i = 0; i < header.size(); ++i) {
        const std::string_view name = header[i];
        const int index = static_cast<int>(i);
        if (name == "pcds") columns.pcds = index;
        if (name == "doterm") columns.doterm = index;
        if (name == "oslaua") columns.oslaua = index;
        if (name == "rgn") columns.rgn = index;
        if (name == "lsoa21") columns.lsoa = index;
        if (name == "lsoa11") lsoa11 = index;
        if (name == "icb") columns.icb = index;
    }
    if (columns.lsoa < 0) columns.lsoa = lsoa11;
    if (columns.pcds < 0) {
        return core::Fail(core::Error::InvalidArgument(
            "the first row is not an ONS Postcode Directory header: it has no pcds column"));
    }
    return columns;
}

core::Status ReadOnspdRow(const OnspdColumns& columns, std::span<const std::string_view> fields, OnspdEntry& entry) {
    const std::string_view pcds = Cell(fields, columns.pcds);
    if (!core::IsPostcodeShape(pcds)) {
        return core::Fail(core::Error::InvalidArgument(fmt::format("'{}' is not a postcode", pcds)));
    }
    entry.postcode = core::NormalisePostcode(pcds);
    entry.terminated = IsoFromCompact(Cell(fields, columns.doterm));
    entry.local_authority.assign(Cell(fields, columns.oslaua));
    entry.region.assign(Cell(fields, columns.rgn));
    entry.lsoa.assign(Cell(fields, columns.lsoa));
    entry.icb.assign(Cell(fields, columns.icb));
    return {};
}

}  // namespace did::refdata
