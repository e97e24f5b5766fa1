#include "store/data_issue_note_table.hpp"

namespace did::store {

core::Status DataIssueNoteTable::Put(const DataIssueNoteRow& r) {
    return db_.Execute(
        "INSERT INTO data_issue_notes (provider, first_period, last_period, note, written_by, written_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (provider, first_period) DO UPDATE SET "
        "last_period = excluded.last_period, note = excluded.note, written_by = excluded.written_by, "
        "written_at = excluded.written_at",
        {r.provider, r.first_period, r.last_period, r.note, r.written_by, r.written_at});
}

core::Result<std::optional<DataIssueNoteRow>> DataIssueNoteTable::Find(const std::string& provider,
                                                                       const std::string& first_period) {
    auto found = Select("provider = ? AND first_period = ?", {provider, first_period});
    if (!found) return core::Fail(found.error());
    if (found->empty()) return std::optional<DataIssueNoteRow>();
    return std::optional<DataIssueNoteRow>(std::move(found->front()));
}

core::Result<bool> DataIssueNoteTable::Remove(const std::string& provider, const std::string& first_period) {
    auto found = Find(provider, first_period);
    if (!found) return core::Fail(found.error());
    if (!*found) return false;
    if (auto removed = db_.Execute("DELETE FROM data_issue_notes WHERE provider = ? AND first_period = ?",
                                   {provider, first_period});
        !removed) {
        return core::Fail(removed.error());
    }
    return true;
}

core::Result<std::vector<DataIssueNoteRow>> DataIssueNoteTable::All() {
    return Select("1 = 1", {});
}

core::Result<std::vector<DataIssueNoteRow>> DataIssueNoteTable::Overlapping(const std::string& first,
                                                                            const std::string& last) {
    return Select("first_period <= ? AND last_period >= ?", {last, first});
}

core::Result<std::vector<DataIssueNoteRow>> DataIssueNoteTable::Select(const std::string& where,
                                                                       const SqlParams& params) {
    std::vector<DataIssueNoteRow> rows;
    auto status = db_.Query(
        "SELECT provider, first_period, last_period, note, written_by, written_at FROM data_issue_notes WHERE " +
            where + " ORDER BY provider, first_period",
        params, [&](const SqlRow& r) {
            rows.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
            return true;
        });
    if (!status) return core::Fail(status.error());
    return rows;
}

}  // namespace did::store
