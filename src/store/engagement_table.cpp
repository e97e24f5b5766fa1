#include "store/engagement_table.hpp"

namespace did::store {
namespace {

SqlValue NullIfNone(std::optional<core::Period> period) {
    return period ? SqlValue{period->ToString()} : SqlValue{};
}

// The months a row spans; `until` is none when open-ended (NULL, or empty as in older rows).
struct Span {
    core::Period from;
    std::optional<core::Period> until;
};

// A month that does not parse was not written by this code: `what` names the row.
core::Result<Span> ReadSpan(const SqlRow& r, size_t from_column, const std::string& what) {
    auto from = core::Period::Parse(r.Text(from_column));
    const std::string& until_text = r.Text(from_column + 1);
    auto until = until_text.empty() ? std::nullopt : core::Period::Parse(until_text);
    if (!from || (!until_text.empty() && !until)) {
        return core::Fail(core::Error::Internal(what + " in the database has an unreadable month"));
    }
    return Span{*from, until};
}

core::Result<ExpectedRow> ExpectedFromRow(const SqlRow& r) {
    auto span = ReadSpan(r, 1, "the expected provider " + r.Text(0));
    if (!span) return core::Fail(span.error());
    return ExpectedRow{r.Text(0), span->from, span->until};
}

core::Result<AgreementRow> AgreementFromRow(const SqlRow& r) {
    auto span = ReadSpan(r, 2, "the agreement of " + r.Text(0) + " for " + r.Text(1) + " from " + r.Text(2));
    if (!span) return core::Fail(span.error());
    return AgreementRow{r.Text(0), r.Text(1), span->from, span->until};
}

}  // namespace

core::Status EngagementTable::PutExpected(const ExpectedRow& r) {
    return db_.Execute(
        "INSERT INTO expected_submitters (provider, from_period, until_period) VALUES (?, ?, ?) "
        "ON CONFLICT (provider) DO UPDATE SET from_period = excluded.from_period, until_period = excluded.until_period",
        {r.provider, r.from_period.ToString(), NullIfNone(r.until_period)});
}

core::Result<std::vector<ExpectedRow>> EngagementTable::Expected() {
    return ReadRows<ExpectedRow>(
        db_, "SELECT provider, from_period, until_period FROM expected_submitters ORDER BY provider", {},
        ExpectedFromRow);
}

core::Status EngagementTable::RemoveExpected(const std::string& provider) {
    return db_.Execute("DELETE FROM expected_submitters WHERE provider = ?", {provider});
}

core::Status EngagementTable::RemoveAgreements(const std::string& provider, const std::string& organisation) {
    return db_.Execute("DELETE FROM agreements WHERE provider = ? AND organisation = ?", {provider, organisation});
}

core::Status EngagementTable::PutAgreement(const AgreementRow& r) {
    return db_.Execute(
        "INSERT INTO agreements (provider, organisation, from_period, until_period) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (provider, organisation, from_period) DO UPDATE SET until_period = excluded.until_period",
        {r.provider, r.organisation, r.from_period.ToString(), NullIfNone(r.until_period)});
}

core::Result<std::vector<AgreementRow>> EngagementTable::Agreements() {
    return ReadRows<AgreementRow>(
        db_, "SELECT provider, organisation, from_period, until_period FROM agreements ORDER BY provider, organisation",
        {}, AgreementFromRow);
}

core::Status EngagementTable::PutExclusion(const ExclusionRow& r) {
    return db_.Execute(
        "INSERT INTO exclusions (kind, value, reason) VALUES (?, ?, ?) "
        "ON CONFLICT (kind, value) DO UPDATE SET reason = excluded.reason",
        {r.kind, r.value, r.reason});
}

core::Status EngagementTable::RemoveExclusion(const std::string& kind, const std::string& value) {
    return db_.Execute("DELETE FROM exclusions WHERE kind = ? AND value = ?", {kind, value});
}

core::Result<std::vector<ExclusionRow>> EngagementTable::Exclusions() {
    std::vector<ExclusionRow> rows;
    auto status =
        db_.Query("SELECT kind, value, reason FROM exclusions ORDER BY kind, value", {}, [&](const SqlRow& r) {
            rows.push_back({r.Text(0), r.Text(1), r.Text(2)});
            return true;
        });
    if (!status) return core::Fail(status.error());
    return rows;
}

}  // namespace did::store
