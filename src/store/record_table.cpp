#include "store/record_table.hpp"

#include <algorithm>

namespace did::store {

const std::vector<std::string>& BulkColumns(BulkTable table) {
    static const std::vector<std::string> records = {
        "submission_id", "line", "period", "nhs_number", "nhs_number_status", "birth_date", "ethnic_category",
        "gender", "postcode", "gp_practice", "source_setting", "referrer_code", "referring_org", "request_date",
        "request_received_date", "test_date", "nicip_code", "snomed_code", "report_issue_date", "site_code",
        "accession_number", "local_code", "modality", "excluded", "content_hash"};
    static const std::vector<std::string> findings = {"submission_id", "line", "rule", "severity",
                                                      "field", "value", "message"};
    static const std::vector<std::string> duplicates = {"submission_id", "line", "other_provider",
                                                        "other_submission_id"};
    static const std::vector<std::string> activity = {"submission_id", "provider", "period", "site", "nicip",
                                                      "modality", "source_setting", "age_band", "sex", "excluded",
                                                      "local_coded", "examinations"};
    static const std::vector<std::string> gp = {"submission_id", "provider", "period", "gp_practice",
                                                "nicip", "modality", "source_setting", "examinations"};
    static const std::vector<std::string> geography = {"submission_id", "provider", "period", "postcode_district",
                                                       "modality", "age_band", "sex", "ethnic", "examinations"};
    static const std::vector<std::string> waits = {"submission_id", "provider", "period", "site", "modality",
                                                   "nicip", "source_setting", "measure", "days", "examinations"};
    switch (table) {
        case BulkTable::kRecords: return records;
        case BulkTable::kFindings: return findings;
        case BulkTable::kDuplicates: return duplicates;
        case BulkTable::kCubeActivity: return activity;
        case BulkTable::kCubeGp: return gp;
        case BulkTable::kCubeGeography: return geography;
        case BulkTable::kCubeWaits: return waits;
    }
    return records;
}

namespace {

const char* TableName(BulkTable table) {
    switch (table) {
        case BulkTable::kRecords: return "records";
        case BulkTable::kFindings: return "findings";
        case BulkTable::kDuplicates: return "duplicate_examinations";
        case BulkTable::kCubeActivity: return "cube_activity";
        case BulkTable::kCubeGp: return "cube_gp";
        case BulkTable::kCubeGeography: return "cube_geography";
        case BulkTable::kCubeWaits: return "cube_waits";
    }
    return "records";
}

}  // namespace

core::Status RecordTable::EnsurePartition(const std::string& period) {
    if (db_.dialect() != Dialect::kPostgres) return {};
    // `period` is a validated YYYY-MM, so it is safe in the DDL.
    if (period.size() != 7 || !std::all_of(period.begin(), period.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); })) {
        return core::Fail(core::Error::InvalidArgument("bad period " + period));
    }
    std::string name = "records_" + period;
    std::replace(name.begin(), name.end(), '-', '_');
    const std::string ddl =
        "CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF records FOR VALUES IN ('" + period + "')";
    auto status = db_.ExecuteScript(ddl);
    if (!status) status = db_.ExecuteScript(ddl);  // lost a race with another submitter: it exists now
    return status;
}

core::Result<std::unique_ptr<BulkLoader>> RecordTable::Loader(BulkTable table) {
    return db_.BeginBulk(TableName(table), BulkColumns(table));
}

core::Status RecordTable::ForEachDigest(int64_t submission_id,
                                        const std::function<void(std::string_view, std::string_view, uint64_t)>& visit) {
    return db_.Query("SELECT site_code, accession_number, content_hash FROM records WHERE submission_id = ?",
                     {submission_id}, [&](const SqlRow& r) {
                         visit(r.Text(0), r.Text(1), static_cast<uint64_t>(r.Int(2)));
                         return true;
                     });
}

core::Status RecordTable::ForEachExamination(const std::string& period, const std::string& except_provider,
                                             const std::vector<std::string>& sites,
                                             const std::function<void(const StoredExamination&)>& visit) {
    std::vector<int64_t> ids;
    std::vector<std::string> providers;
    auto status = db_.Query(
        "SELECT id, provider FROM submissions WHERE period = ? AND status = 'current' AND provider <> ?",
        {period, except_provider}, [&](const SqlRow& r) {
            ids.push_back(r.Int(0));
            providers.push_back(r.Text(1));
            return true;
        });
    if (!status) return status;
    for (size_t i = 0; i < ids.size(); ++i) {
        for (const std::string& site : sites) {
            status = db_.Query(
                "SELECT line, nhs_number, test_date, nicip_code, snomed_code, site_code FROM records "
                "WHERE period = ? AND submission_id = ? AND site_code = ?",
                {period, ids[i], site}, [&](const SqlRow& r) {
                    visit({providers[i], ids[i], r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
                    return true;
                });
            if (!status) return status;
        }
    }
    return {};
}

core::Result<int64_t> RecordTable::CountRecords(int64_t submission_id) {
    auto row = db_.QueryOne("SELECT COUNT(*) FROM records WHERE submission_id = ?", {submission_id});
    if (!row) return core::Fail(row.error());
    return (*row)->Int(0);
}

core::Result<int64_t> RecordTable::CountFindings(int64_t submission_id) {
    auto row = db_.QueryOne("SELECT COUNT(*) FROM findings WHERE submission_id = ?", {submission_id});
    if (!row) return core::Fail(row.error());
    return (*row)->Int(0);
}

}  // namespace did::store
