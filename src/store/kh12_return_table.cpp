#include "store/kh12_return_table.hpp"

#include <set>

namespace did::store {

core::Status Kh12ReturnTable::ReplaceYears(const std::vector<Kh12ReturnRow>& rows) {
    std::set<std::string> years;
    for (const Kh12ReturnRow& row : rows) years.insert(row.year);
    for (const std::string& year : years) {
        if (auto deleted = db_.Execute("DELETE FROM kh12_returns WHERE year = ?", {year}); !deleted) return deleted;
    }
    for (const Kh12ReturnRow& row : rows) {
        if (auto added =
                db_.Execute("INSERT INTO kh12_returns (year, provider, category, examinations) VALUES (?, ?, ?, ?)",
                            {row.year, row.provider, row.category, row.examinations});
            !added) {
            return added;
        }
    }
    return {};
}

core::Result<std::vector<Kh12ReturnRow>> Kh12ReturnTable::OfYear(const std::string& year) {
    return ReadRows<Kh12ReturnRow>(
        db_, "SELECT year, provider, category, examinations FROM kh12_returns WHERE year = ? ORDER BY provider", {year},
        [](const SqlRow& r) -> core::Result<Kh12ReturnRow> {
            return Kh12ReturnRow{r.Text(0), r.Text(1), r.Text(2), r.Int(3)};
        });
}

}  // namespace did::store
