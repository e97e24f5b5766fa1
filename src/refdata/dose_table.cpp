#include "refdata/dose_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "core/checked_csv.hpp"

namespace did::refdata {

const DoseTable& DoseTable::Shipped() {
    static const DoseTable table = [] {
        auto parsed = Parse(ShippedDoseTableCsv());
        if (!parsed) std::abort();  // the shipped file is checked by its test
        return std::move(*parsed);
    }();
    return table;
}

core::Result<DoseTable> DoseTable::Parse(std::string_view csv) {
    DoseTable table;
    std::set<std::string> patterns;
    auto header = [](const core::CsvRow& row) -> std::string {
        if (row.columns >= 3 && row.fields[0] == "nicip_pattern" && row.fields[1] == "examination" &&
            row.fields[2] == "effective_dose_msv") {
            return {};
        }
        return "the header must start nicip_pattern,examination,effective_dose_msv";
    };
    auto each = [&](const core::CsvRow& row) -> std::string {
        if (row.columns < 3) return fmt::format("{} columns; a row has at least 3", row.columns);
        DoseEntry entry{std::string(row.fields[0]), std::string(row.fields[1]), 0,
                        row.fields.size() > 3 ? std::string(row.fields[3]) : std::string()};
        const std::string_view code =
            std::string_view(entry.pattern)
                .substr(0, entry.pattern.ends_with('*') ? entry.pattern.size() - 1 : entry.pattern.size());
        if (code.empty() || !std::all_of(code.begin(), code.end(),
                                         [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); })) {
            return fmt::format("'{}' is not a NICIP code or a prefix ending in *", entry.pattern);
        }
        const std::string_view dose = row.fields[2];
        const auto parsed = std::from_chars(dose.data(), dose.data() + dose.size(), entry.effective_dose_msv);
        if (dose.empty() || parsed.ec != std::errc() || parsed.ptr != dose.data() + dose.size() ||
            entry.effective_dose_msv < 0 || entry.effective_dose_msv > 100) {
            return fmt::format("'{}' is not an effective dose in mSv (0 to 100)", dose);
        }
        if (entry.examination.empty()) return entry.pattern + " has no examination name";
        if (!patterns.insert(entry.pattern).second) return entry.pattern + " is given twice";
        table.entries_.push_back(std::move(entry));
        return {};
    };
    if (auto read = core::ReadCheckedCsv(csv, 8, header, each); !read) return core::Fail(read.error());
    return table;
}

const DoseEntry* DoseTable::Find(std::string_view nicip_code) const {
    const DoseEntry* best = nullptr;
    size_t best_length = 0;
    for (const DoseEntry& e : entries_) {
        if (e.pattern == nicip_code) return &e;
        if (e.pattern.ends_with('*')) {
            const std::string_view prefix = std::string_view(e.pattern).substr(0, e.pattern.size() - 1);
            if (nicip_code.starts_with(prefix) && prefix.size() > best_length) {
                best = &e;
                best_length = prefix.size();
            }
        }
    }
    return best;
}

}  // namespace did::refdata
