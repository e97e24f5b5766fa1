#include "refdata/ods_file.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/csv_rows.hpp"
#include "core/utf8.hpp"

namespace did::refdata {
namespace {

// CCYYMMDD, or empty.
bool ParseOdsDate(std::string_view text, std::optional<core::Date>& out) {
    out.reset();
    if (text.empty()) return true;
    if (text.size() != 8) return false;
    const std::string iso =
        std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" + std::string(text.substr(6, 2));
    out = core::Date::Parse(iso);
    return out.has_value();
}

}  // namespace

OdsParseResult ParseOdsFile(std::string_view text, OrgKind kind) {
    OdsParseResult result;
    auto problem = [&](uint64_t line, const std::string& message) {
        if (++result.problem_count <= 20) result.problems.push_back(fmt::format("line {}: {}", line, message));
    };
    if (const auto bad = core::FindInvalidUtf8(text)) {
        // ODS files are published as UTF-8 or plain ASCII; anything else is the wrong file.
        result.problem_count = 1;
        result.problems.push_back("the file is not UTF-8");
        return result;
    }
    core::ForEachCsvRow(text, 32, [&](const core::CsvRow& row) {
        if (!row.error.empty()) {
            problem(row.line, std::string(row.error));
            return true;
        }
        if (row.columns < 12) {
            problem(row.line,
                    fmt::format("{} columns; an ODS file has at least 12 (is there a header row?)", row.columns));
            return true;
        }
        auto cell = [&](size_t column) {
            return column <= row.fields.size() ? row.fields[column - 1] : std::string_view();
        };
        Organisation org;
        org.code = std::string(cell(1));
        org.name = std::string(cell(2));
        org.kind = kind;
        org.postcode = std::string(cell(10));
        org.region = std::string(cell(3));
        org.icb = std::string(cell(4));
        if (!IsOdsCode(org.code)) {
            problem(row.line, fmt::format("'{}' is not an ODS code", org.code));
            return true;
        }
        if (!ParseOdsDate(cell(11), org.opened) || !ParseOdsDate(cell(12), org.closed)) {
            problem(row.line, fmt::format("open or close date of {} is not CCYYMMDD", org.code));
            return true;
        }
        org.parent = std::string(cell(15));
        if (org.parent.empty() && kind == OrgKind::kSite) org.parent = org.code.substr(0, 3);
        result.organisations.push_back(std::move(org));
        return true;
    });
    return result;
}

bool IsOdsCode(std::string_view code) {
    return !code.empty() && code.size() <= 7 && std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    });
}

std::optional<OrgKind> OdsKindFromFileName(std::string_view file_name) {
    const size_t slash = file_name.find_last_of('/');
    std::string base(slash == std::string_view::npos ? file_name : file_name.substr(slash + 1));
    std::transform(base.begin(), base.end(), base.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
    if (base.starts_with("epraccur")) return OrgKind::kGpPractice;
    if (base.starts_with("etr")) return OrgKind::kTrust;
    if (base.starts_with("ets")) return OrgKind::kSite;
    if (base.starts_with("ephp")) return OrgKind::kIndependent;
    return std::nullopt;
}

}  // namespace did::refdata
