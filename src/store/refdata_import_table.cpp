#include "store/refdata_import_table.hpp"

namespace did::store {
namespace {

constexpr const char* kColumns = "id, dataset, imported_at, imported_by, file_name, file_sha256, row_count";

RefdataImportRow FromRow(const SqlRow& r) {
    return {r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6)};
}

}  // namespace

core::Status RefdataImportTable::Add(const RefdataImportRow& r) {
    return db_.Execute(
        "INSERT INTO refdata_imports (dataset, imported_at, imported_by, file_name, file_sha256, row_count) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {r.dataset, r.imported_at, r.imported_by, r.file_name, r.file_sha256, r.rows});
}

core::Result<std::optional<RefdataImportRow>> RefdataImportTable::Latest(const std::string& dataset) {
    auto row = db_.QueryOne(
        std::string("SELECT ") + kColumns + " FROM refdata_imports WHERE dataset = ? ORDER BY id DESC LIMIT 1",
        {dataset});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<RefdataImportRow>();
    return std::optional<RefdataImportRow>(FromRow(**row));
}

core::Result<std::vector<RefdataImportRow>> RefdataImportTable::List() {
    std::vector<RefdataImportRow> rows;
    auto status =
        db_.Query(std::string("SELECT ") + kColumns + " FROM refdata_imports ORDER BY id", {}, [&](const SqlRow& r) {
            rows.push_back(FromRow(r));
            return true;
        });
    if (!status) return core::Fail(status.error());
    return rows;
}

}  // namespace did::store
