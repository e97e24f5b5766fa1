#include "store/last_good_file_table.hpp"

namespace did::store {
namespace {

constexpr const char* kColumns = "provider, period, stage, submission_id, recorded_at, note";

// A row whose month or stage does not parse was not written by this code: say which.
core::Result<LastGoodFileRow> FromRow(const SqlRow& r) {
    auto period = core::Period::Parse(r.Text(1));
    auto stage = ParseLastGoodFileStage(r.Text(2));
    if (!period || !stage) {
        return core::Fail(core::Error::Internal("the last good file of " + r.Text(0) + " " + r.Text(1) + " " +
                                                r.Text(2) + " in the database has an unreadable month or stage"));
    }
    LastGoodFileRow row{r.Text(0), *period, *stage, std::nullopt, r.Text(4), r.Text(5)};
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
        {r.provider, r.period.ToString(), std::string(LastGoodFileStageName(r.stage)),
         r.submission_id ? SqlValue(*r.submission_id) : SqlValue(std::monostate()), r.recorded_at, r.note});
}

core::Result<std::optional<LastGoodFileRow>> LastGoodFileTable::Get(const std::string& provider, core::Period period,
                                                                    LastGoodFileStage stage) {
    auto row = db_.QueryOne(
        std::string("SELECT ") + kColumns + " FROM last_good_files WHERE provider = ? AND period = ? AND stage = ?",
        {provider, period.ToString(), std::string(LastGoodFileStageName(stage))});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<LastGoodFileRow>();
    auto found = FromRow(**row);
    if (!found) return core::Fail(found.error());
    return std::optional<LastGoodFileRow>(std::move(*found));
}

core::Result<std::vector<LastGoodFileRow>> LastGoodFileTable::ForPeriod(core::Period period) {
    return ReadRows<LastGoodFileRow>(
        db_, std::string("SELECT ") + kColumns + " FROM last_good_files WHERE period = ? ORDER BY provider, stage DESC",
        {period.ToString()}, [&](const SqlRow& r) { return FromRow(r); });
}

}  // namespace did::store
