#include "refdata/icb_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "core/csv_rows.hpp"

namespace did::refdata {
namespace {

// "ICB23CD" and the like: ICB, two digits, then `suffix`, in any case.
bool IsColumn(std::string_view name, std::string_view suffix) {
    auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
    if (name.size() != 5 + suffix.size()) return false;
    std::string up(name);
    std::transform(up.begin(), up.end(), up.begin(), upper);
    return up.starts_with("ICB") && up[3] >= '0' && up[3] <= '9' && up[4] >= '0' && up[4] <= '9' &&
           std::string_view(up).substr(5) == suffix;
}

bool IsOdsCode(std::string_view code) {
    return !code.empty() && code.size() <= 5 && std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    });
}

}  // namespace

core::Result<std::vector<IcbName>> ParseIcbNames(std::string_view csv) {
    std::vector<IcbName> icbs;
    std::optional<size_t> code_column;
    std::optional<size_t> ods_column;
    std::optional<size_t> name_column;
    bool header = true;
    std::optional<core::Error> failed;
    core::ForEachCsvRow(csv, 16, [&](const core::CsvRow& row) {
        if (failed) return false;
        if (!row.error.empty()) {
            failed = core::Error::InvalidArgument(fmt::format("line {}: {}", row.line, row.error));
            return false;
        }
        if (header) {
            header = false;
            for (size_t i = 0; i < row.fields.size(); ++i) {
                if (IsColumn(row.fields[i], "CD")) code_column = i;
                if (IsColumn(row.fields[i], "CDH")) ods_column = i;
                if (IsColumn(row.fields[i], "NM")) name_column = i;
            }
            if (!code_column || !ods_column || !name_column) {
                failed = core::Error::InvalidArgument(
                    "the header must name the ICB's E54 code, ODS code and name (ICB23CD, ICB23CDH, ICB23NM or "
                    "another year's)");
                return false;
            }
            return true;
        }
        auto cell = [&](size_t column) { return column < row.fields.size() ? row.fields[column] : std::string_view(); };
        IcbName icb{std::string(cell(*code_column)), std::string(cell(*ods_column)), std::string(cell(*name_column))};
        if (icb.code.size() != 9 || !icb.code.starts_with("E54")) {
            failed = core::Error::InvalidArgument(
                fmt::format("line {}: '{}' is not an English ICB's code (E54 and six digits)", row.line, icb.code));
        } else if (!IsOdsCode(icb.ods_code)) {
            failed =
                core::Error::InvalidArgument(fmt::format("line {}: '{}' is not an ODS code", row.line, icb.ods_code));
        } else if (icb.name.empty()) {
            failed = core::Error::InvalidArgument(fmt::format("line {}: {} has no name", row.line, icb.code));
        } else {
            icbs.push_back(std::move(icb));
        }
        return !failed;
    });
    if (failed) return core::Fail(*failed);
    if (header) return core::Fail(core::Error::InvalidArgument("the file is empty"));
    return icbs;
}

}  // namespace did::refdata
