#include "store/last_good_file_table.hpp"

namespace did::store {
namespace {

constexpr const char* kColumns = "provider, period, stage, submission_id, recorded_at, note";

LastGoodFileRow FromRow(const SqlRow& r) {
    LastGoodFileRow row{r.Text(0), r.Text(1), r.Text(2), std::nullopt, r.Text(4), r.Text(5)};
    if (!r.IsNull(3)) row.submission_id = r.Int(3);
    return row;
}

}  // namespace

core::Status LastGoodFileTable::Put(const LastGoodFileRow& r) {
    return db_.Execute(
        std::string("INSERT INTO last_good_files (") + kColumns +
            ") VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (provider, period, stage) DO UPDATE SET submission_id = excluded.submission_id, "
            "recorded_at = excluded.recorded_at, note = excluded.note",
        {r.provider, r.period, r.stage, r.submission_id ? SqlValue(*r.submission_id) : SqlValue(std::monostate()),
         r.recorded_at, r.note});
}

core::Result<std::optional<LastGoodFileRow>> LastGoodFileTable::Get(const std::string& provider,
                                                                    const std::string& period,
                                                                    const std::string& stage) {
    auto row = db_.QueryOne(
        std::string("SELECT ") + kColumns + " FROM last_good_files WHERE provider = ? AND period = ? AND stage = ?",
        {provider, period, stage});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<LastGoodFileRow>();
    return std::optional<LastGoodFileRow>(FromRow(**row));
}

core::Result<std::vector<LastGoodFileRow>> LastGoodFileTable::ForPeriod(const std::string& period) {
    std::vector<LastGoodFileRow> rows;
    auto status = db_.Query(
        std::string("SELECT ") + kColumns + " FROM last_good_files WHERE period = ? ORDER BY provider, stage DESC",
        {period}, [&](const SqlRow& r) {
            rows.push_back(FromRow(r));
            return true;
        });
    if (!status) return core::Fail(status.error());
    return rows;
}

}  // namespace did::store
