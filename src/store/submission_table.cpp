#include "store/submission_table.hpp"

namespace did::store {
namespace {

constexpr const char* kColumns =
    "id, provider, period, status, file_name, file_sha256, file_bytes, submitted_at, received_on, submitted_by, "
    "origin, records_total, accepted, rejected, warned, excluded, local_coded, prep_minutes, comment, superseded_by";

// A row whose month, day or status does not parse was not written by this code: say which.
core::Result<SubmissionRow> FromRow(const SqlRow& r) {
    SubmissionRow s;
    s.id = r.Int(0);
    s.provider = r.Text(1);
    auto period = core::Period::Parse(r.Text(2));
    auto status = ParseSubmissionStatus(r.Text(3));
    auto received_on = core::Date::Parse(r.Text(8));
    if (!period || !status || !received_on) {
        return core::Fail(core::Error::Internal("submission " + std::to_string(s.id) +
                                                " in the database has an unreadable period, status or received day"));
    }
    s.period = *period;
    s.status = *status;
    s.received_on = *received_on;
    s.file_name = r.Text(4);
    s.file_sha256 = r.Text(5);
    s.file_bytes = r.Int(6);
    s.submitted_at = r.Text(7);
    s.submitted_by = r.Text(9);
    s.origin = r.Text(10);
    s.records_total = r.Int(11);
    s.accepted = r.Int(12);
    s.rejected = r.Int(13);
    s.warned = r.Int(14);
    s.excluded = r.Int(15);
    s.local_coded = r.Int(16);
    if (!r.IsNull(17)) s.prep_minutes = r.Int(17);
    s.comment = r.Text(18);
    if (!r.IsNull(19)) s.superseded_by = r.Int(19);
    return s;
}

}  // namespace

core::Result<int64_t> SubmissionTable::Insert(const SubmissionRow& s) {
    auto row = db_.QueryOne(
        "INSERT INTO submissions (provider, period, status, file_name, file_sha256, file_bytes, submitted_at, "
        "received_on, submitted_by, origin, records_total, accepted, rejected, warned, excluded, local_coded, "
        "prep_minutes, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {s.provider, s.period.ToString(), std::string(SubmissionStatusName(s.status)), s.file_name, s.file_sha256,
         s.file_bytes, s.submitted_at, s.received_on.ToString(), s.submitted_by, s.origin, s.records_total, s.accepted,
         s.rejected, s.warned, s.excluded, s.local_coded, s.prep_minutes ? SqlValue{*s.prep_minutes} : SqlValue{},
         s.comment.empty() ? SqlValue{} : SqlValue{s.comment}});
    if (!row) return core::Fail(row.error());
    if (!*row) return core::Fail(core::Error::Internal("inserting a submission returned no id"));
    return (*row)->Int(0);
}

core::Status SubmissionTable::Supersede(int64_t old_id, int64_t new_id, const std::string& at) {
    return db_.Execute(
        "UPDATE submissions SET status = 'superseded', superseded_by = ?, superseded_at = ? WHERE id = ?",
        {new_id, at, old_id});
}

core::Status SubmissionTable::Complete(const SubmissionRow& row) {
    return db_.Execute(
        "UPDATE submissions SET status = ?, file_sha256 = ?, file_bytes = ?, records_total = ?, accepted = ?, "
        "rejected = ?, warned = ?, excluded = ?, local_coded = ? WHERE id = ?",
        {std::string(SubmissionStatusName(row.status)), row.file_sha256, row.file_bytes, row.records_total,
         row.accepted, row.rejected, row.warned, row.excluded, row.local_coded, row.id});
}

core::Status SubmissionTable::Reinstate(int64_t id) {
    return db_.Execute(
        "UPDATE submissions SET status = 'current', superseded_by = NULL, superseded_at = NULL WHERE id = ?", {id});
}

core::Status SubmissionTable::SetAuditEntry(int64_t id, int64_t audit_seq, const std::string& audit_hash) {
    return db_.Execute("UPDATE submissions SET audit_seq = ?, audit_hash = ? WHERE id = ?",
                       {audit_seq, audit_hash, id});
}

core::Status SubmissionTable::SetFeedback(int64_t id, std::optional<int64_t> prep_minutes, const std::string& comment) {
    return db_.Execute(
        "UPDATE submissions SET prep_minutes = ?, comment = ? WHERE id = ?",
        {prep_minutes ? SqlValue{*prep_minutes} : SqlValue{}, comment.empty() ? SqlValue{} : SqlValue{comment}, id});
}

core::Result<std::optional<SubmissionRow>> SubmissionTable::One(const std::string& where, const SqlParams& params) {
    auto row = db_.QueryOne(std::string("SELECT ") + kColumns + " FROM submissions WHERE " + where, params);
    if (!row) return core::Fail(row.error());
    const std::optional<SqlRow>& found = *row;
    if (!found) return std::optional<SubmissionRow>();
    auto submission = FromRow(*found);
    if (!submission) return core::Fail(submission.error());
    return std::optional<SubmissionRow>(std::move(*submission));
}

core::Result<std::optional<SubmissionRow>> SubmissionTable::Get(int64_t id) {
    return One("id = ?", {id});
}

core::Result<std::optional<SubmissionRow>> SubmissionTable::Current(const std::string& provider, core::Period period) {
    return One("provider = ? AND period = ? AND status = 'current'", {provider, period.ToString()});
}

core::Result<std::optional<SubmissionRow>> SubmissionTable::ByFile(const std::string& provider, core::Period period,
                                                                   const std::string& sha256) {
    return One("provider = ? AND period = ? AND file_sha256 = ? AND status <> 'rejected'",
               {provider, period.ToString(), sha256});
}

core::Result<std::vector<SubmissionRow>> SubmissionTable::List(std::optional<core::Period> period,
                                                               const std::string& provider) {
    const std::string month = period ? period->ToString() : std::string();
    return ReadRows<SubmissionRow>(
        db_,
        std::string("SELECT ") + kColumns +
            " FROM submissions WHERE (? = '' OR period = ?) AND (? = '' OR provider = ?) ORDER BY id",
        {month, month, provider, provider}, [&](const SqlRow& r) { return FromRow(r); });
}

}  // namespace did::store
