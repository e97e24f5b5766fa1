#include "refdata/icb_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "core/checked_csv.hpp"
#include "refdata/ods_file.hpp"

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

}  // namespace

core::Result<std::vector<IcbName>> ParseIcbNames(std::string_view csv) {
    std::vector<IcbName> icbs;
    std::optional<size_t> code_column;
    std::optional<size_t> ods_column;
    std::optional<size_t> name_column;
    auto header = [&](const core::CsvRow& row) -> std::string {
        for (size_t i = 0; i < row.fields.size(); ++i) {
            if (IsColumn(row.fields[i], "CD")) code_column = i;
            if (IsColumn(row.fields[i], "CDH")) ods_column = i;
            if (IsColumn(row.fields[i], "NM")) name_column = i;
        }
        if (code_column && ods_column && name_column) return {};
        return "the header must name the ICB's E54 code, ODS code and name (ICB23CD, ICB23CDH, ICB23NM or another "
               "year's)";
    };
    auto each = [&](const core::CsvRow& row) -> std::string {
        auto cell = [&](size_t column) { return column < row.fields.size() ? row.fields[column] : std::string_view(); };
        IcbName icb{std::string(cell(*code_column)), std::string(cell(*ods_column)), std::string(cell(*name_column))};
        if (icb.code.size() != 9 || !icb.code.starts_with("E54")) {
            return fmt::format("'{}' is not an English ICB's code (E54 and six digits)", icb.code);
        }
        if (!IsOdsCode(icb.ods_code)) return fmt::format("'{}' is not an ODS code", icb.ods_code);
        if (icb.name.empty()) return icb.code + " has no name";
        icbs.push_back(std::move(icb));
        return {};
    };
    if (auto read = core::ReadCheckedCsv(csv, 16, header, each); !read) return core::Fail(read.error());
    return icbs;
}

}  // namespace did::refdata
