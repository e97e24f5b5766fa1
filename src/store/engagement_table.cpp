#include "store/engagement_table.hpp"

namespace did::store {
namespace {

SqlValue NullIfEmpty(const std::string& s) {
    return s.empty() ? SqlValue{} : SqlValue{s};
}

}  // namespace

core::Status EngagementTable::PutExpected(const ExpectedRow& r) {
    return db_.Execute(
        "INSERT INTO expected_submitters (provider, from_period, until_period) VALUES (?, ?, ?) "
        "ON CONFLICT (provider) DO UPDATE SET from_period = excluded.from_period, until_period = excluded.until_period",
        {r.provider, r.from_period, NullIfEmpty(r.until_period)});
}

core::Result<std::vector<ExpectedRow>> EngagementTable::Expected() {
    std::vector<ExpectedRow> rows;
    auto status = db_.Query("SELECT provider, from_period, until_period FROM expected_submitters ORDER BY provider", {},
                            [&](const SqlRow& r) {
                                rows.push_back({r.Text(0), r.Text(1), r.Text(2)});
                                return true;
                            });
    if (!status) return core::Fail(status.error());
    return rows;
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
        {r.provider, r.organisation, r.from_period, NullIfEmpty(r.until_period)});
}

core::Result<std::vector<AgreementRow>> EngagementTable::Agreements() {
    std::vector<AgreementRow> rows;
    auto status = db_.Query(
        "SELECT provider, organisation, from_period, until_period FROM agreements ORDER BY provider, organisation", {},
        [&](const SqlRow& r) {
            rows.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
            return true;
        });
    if (!status) return core::Fail(status.error());
    return rows;
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
