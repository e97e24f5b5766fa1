#include "store/bundle_note_table.hpp"

namespace did::store {

core::Status BundleNoteTable::Put(const BundleNoteRow& r) {
    return db_.Execute(
        "INSERT INTO refdata_bundle (one, exported_at, exported_by, source, postcodes) VALUES (1, ?, ?, ?, ?) "
        "ON CONFLICT (one) DO UPDATE SET exported_at = excluded.exported_at, exported_by = excluded.exported_by, "
        "source = excluded.source, postcodes = excluded.postcodes",
        {r.exported_at, r.exported_by, r.source, int64_t{r.postcodes ? 1 : 0}});
}

core::Result<std::optional<BundleNoteRow>> BundleNoteTable::Get() {
    auto row = db_.QueryOne("SELECT exported_at, exported_by, source, postcodes FROM refdata_bundle");
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<BundleNoteRow>();
    const SqlRow& r = **row;
    return std::optional<BundleNoteRow>(BundleNoteRow{r.Text(0), r.Text(1), r.Text(2), r.Int(3) != 0});
}

}  // namespace did::store
