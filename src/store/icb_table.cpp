#include "store/icb_table.hpp"

namespace did::store {

core::Status IcbTable::Replace(const std::vector<IcbRow>& rows) {
    if (auto deleted = db_.Execute("DELETE FROM icbs"); !deleted) return deleted;
    for (const IcbRow& row : rows) {
        if (auto added = db_.Execute("INSERT INTO icbs (code, ods_code, name) VALUES (?, ?, ?)",
                                     {row.code, row.ods_code, row.name});
            !added) {
            return added;
        }
    }
    return {};
}

core::Result<std::vector<IcbRow>> IcbTable::All() {
    return ReadRows<IcbRow>(db_, "SELECT code, ods_code, name FROM icbs ORDER BY ods_code", {},
                            [](const SqlRow& r) -> core::Result<IcbRow> {
                                return IcbRow{r.Text(0), r.Text(1), r.Text(2)};
                            });
}

}  // namespace did::store
