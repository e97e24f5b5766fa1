#include "store/organisation_table.hpp"

namespace did::store {
core::Status OrganisationTable::ReplaceKind(std::string_view kind, const std::vector<OrganisationRow>& rows) {
    if (auto deleted = db_.Execute("DELETE FROM organisations WHERE kind = ?", {std::string(kind)}); !deleted) {
        return deleted;
    }
    auto loader = db_.BeginBulk("organisations",
                                {"code", "name", "kind", "parent", "postcode", "opened", "closed", "region", "icb"});
    if (!loader) return core::Fail(loader.error());
    for (const OrganisationRow& row : rows) {
        auto added = (*loader)->Add({row.code, row.name, kind, TextOrNull(row.parent), TextOrNull(row.postcode),
                                     TextOrNull(row.opened), TextOrNull(row.closed), TextOrNull(row.region),
                                     TextOrNull(row.icb)});
        if (!added) return added;
    }
    return (*loader)->Finish();
}

core::Status OrganisationTable::ForEach(const std::function<void(const OrganisationRow&)>& visit) {
    return db_.Query(
        "SELECT code, name, kind, parent, postcode, opened, closed, region, icb FROM organisations ORDER BY code", {},
        [&](const SqlRow& r) {
            visit({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Text(8)});
            return true;
        });
}

core::Result<std::optional<OrganisationRow>> OrganisationTable::Find(std::string_view code) {
    auto row = db_.QueryOne(
        "SELECT code, name, kind, parent, postcode, opened, closed, region, icb FROM organisations WHERE code = ?",
        {std::string(code)});
    if (!row) return core::Fail(row.error());
    const std::optional<SqlRow>& found = *row;
    if (!found) return std::optional<OrganisationRow>();
    const SqlRow& r = *found;
    return std::optional<OrganisationRow>(OrganisationRow{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),
                                                          r.Text(5), r.Text(6), r.Text(7), r.Text(8)});
}

core::Result<int64_t> OrganisationTable::Count(std::string_view kind) {
    auto row = db_.QueryOne("SELECT COUNT(*) FROM organisations WHERE kind = ?", {std::string(kind)});
    if (!row) return core::Fail(row.error());
    return (*row)->Int(0);
}

}  // namespace did::store
