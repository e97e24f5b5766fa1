#include "report/published_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/text_escape.hpp"

namespace did::report {
namespace {

bool IsNumeric(const PublishedCell& cell) {
    return cell.kind != PublishedCell::Kind::kText;
}

void AppendCsvCell(std::string& out, const std::string& shown) {
    // The England row's "-" is a published marker, not a formula; every other cell goes
    // through the guard (a provider name could begin with '=').
    if (shown == "-") {
        out += shown;
    } else {
        core::AppendCsvReportCell(out, shown);
    }
}

}  // namespace

bool ShownNumber(const std::string& shown, double& value) {
    const char* end = shown.data() + shown.size();
    const auto [ptr, ec] = std::from_chars(shown.data(), end, value);
    return ec == std::errc() && ptr == end;
}

int64_t RoundToFive(int64_t count) {
    return (count + 2) / 5 * 5;
}

std::string Shown(const PublishedCell& cell) {
    switch (cell.kind) {
        case PublishedCell::Kind::kText:
            return cell.text;
        case PublishedCell::Kind::kCount: {
            const auto count = static_cast<int64_t>(cell.value);
            if (count == 0) return "0";
            if (count < 3) return "*";
            return std::to_string(RoundToFive(count));
        }
        case PublishedCell::Kind::kMedian:
            if (cell.base < 3) return "*";
            // Whole days, or the half between two middle values.
            return cell.value == std::floor(cell.value) ? fmt::format("{:.0f}", cell.value)
                                                        : fmt::format("{:.1f}", cell.value);
        case PublishedCell::Kind::kPercent:
            if (cell.base < 3) return "*";
            return fmt::format("{:.1f}", cell.value);
        case PublishedCell::Kind::kMeasure:
            if (cell.base < 3) return "*";
            return fmt::format("{:.{}f}", cell.value, cell.decimals);
    }
    return "";
}

std::string PublishedTableCsv(const PublishedTable& table) {
    std::string out;
    for (size_t i = 0; i < table.columns.size(); ++i) {
        if (i > 0) out += ',';
        AppendCsvCell(out, table.columns[i]);
    }
    out += "\r\n";
    for (const auto& row : table.rows) {
        for (size_t i = 0; i < row.size(); ++i) {
            if (i > 0) out += ',';
            AppendCsvCell(out, Shown(row[i]));
        }
        out += "\r\n";
    }
    out += "\r\n";
    for (const std::string& note : table.notes) {
        AppendCsvCell(out, note);
        out += "\r\n";
    }
    return out;
}

std::string PublishedTableJson(const PublishedTable& table) {
    auto strings = [](std::string& out, auto begin, auto end, const auto& text_of) {
        out += "[";
        for (auto it = begin; it != end; ++it) {
            if (it != begin) out += ", ";
            core::AppendJsonString(out, text_of(*it));
        }
        out += "]";
    };
    auto shown = [](const PublishedCell& c) { return Shown(c); };
    std::string out = "{\"table\": ";
    core::AppendJsonString(out, table.name);
    out += ", \"title\": ";
    core::AppendJsonString(out, table.title);
    out += ", \"span\": ";
    core::AppendJsonString(out, table.span);
    out += ", \"columns\": ";
    strings(out, table.columns.begin(), table.columns.end(), [](const std::string& c) { return c; });
    out += ", \"rows\": [";
    for (size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        const auto headings = static_cast<std::ptrdiff_t>(std::min(table.heading_columns, row.size()));
        out += r > 0 ? ",\n  {\"headings\": " : "\n  {\"headings\": ";
        strings(out, row.begin(), row.begin() + headings, shown);
        out += ", \"values\": ";
        strings(out, row.begin() + headings, row.end(), shown);
        out += "}";
    }
    out += "],\n \"notes\": ";
    strings(out, table.notes.begin(), table.notes.end(), [](const std::string& n) { return n; });
    out += "}\n";
    return out;
}

std::string PublishedTableText(const PublishedTable& table) {
    std::vector<std::vector<std::string>> shown;
    std::vector<size_t> width(table.columns.size(), 0);
    for (size_t i = 0; i < table.columns.size(); ++i) width[i] = table.columns[i].size();
    for (const auto& row : table.rows) {
        auto& cells = shown.emplace_back();
        for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
            cells.push_back(Shown(row[i]));
            width[i] = std::max(width[i], cells.back().size());
        }
    }
    std::string out = table.title + "\n" + table.span + "\n\n";
    auto line = [&](const std::vector<std::string>& cells, const std::vector<PublishedCell>* kinds) {
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) out += "  ";
            const bool right = kinds != nullptr && IsNumeric((*kinds)[i]);
            const std::string pad(width[i] - cells[i].size(), ' ');
            out += right ? pad + cells[i] : cells[i] + (i + 1 < cells.size() ? pad : "");
        }
        out += "\n";
    };
    line(table.columns, nullptr);
    for (size_t r = 0; r < shown.size(); ++r) line(shown[r], &table.rows[r]);
    out += "\n";
    for (const std::string& note : table.notes) out += "Note: " + note + "\n";
    return out;
}

}  // namespace did::report
