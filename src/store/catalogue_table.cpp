#include "store/catalogue_table.hpp"

namespace did::store {

core::Status CatalogueTable::Replace(const std::vector<NicipCodeRow>& rows) {
    if (auto deleted = db_.Execute("DELETE FROM nicip_codes"); !deleted) return deleted;
    auto loader = db_.BeginBulk("nicip_codes",
                                {"nicip_code", "snomed_ct_id", "modality", "nicip_retired_on", "snomed_retired_on"});
    if (!loader) return core::Fail(loader.error());
    for (const NicipCodeRow& row : rows) {
        auto added = (*loader)->Add({row.code, row.snomed_ct_id, row.modality, TextOrNull(row.nicip_retired_on),
                                     TextOrNull(row.snomed_retired_on)});
        if (!added) return added;
    }
    return (*loader)->Finish();
}

core::Result<std::vector<NicipCodeRow>> CatalogueTable::List() {
    std::vector<NicipCodeRow> rows;
    auto status = db_.Query(
        "SELECT nicip_code, snomed_ct_id, modality, nicip_retired_on, snomed_retired_on FROM nicip_codes "
        "ORDER BY nicip_code",
        {}, [&](const SqlRow& r) {
            rows.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
            return true;
        });
    if (!status) return core::Fail(status.error());
    return rows;
}

core::Result<int64_t> CatalogueTable::Count() {
    auto row = db_.QueryOne("SELECT COUNT(*) FROM nicip_codes");
    if (!row) return core::Fail(row.error());
    return (*row)->Int(0);
}

}  // namespace did::store
