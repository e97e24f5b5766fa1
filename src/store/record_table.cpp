#include "store/record_table.hpp"

#include <algorithm>

namespace did::store {

const std::vector<std::string>& BulkColumns(BulkTable table) {
    static const std::vector<std::string> records = {"submission_id",
                                                     "line",
                                                     "period",
                                                     "nhs_number",
                                                     "nhs_number_status",
                                                     "birth_date",
                                                     "ethnic_category",
                                                     "gender",
                                                     "postcode",
                                                     "gp_practice",
                                                     "source_setting",
                                                     "referrer_code",
                                                     "referring_org",
                                                     "request_date",
                                                     "request_received_date",
                                                     "test_date",
                                                     "nicip_code",
                                                     "snomed_code",
                                                     "report_issue_date",
                                                     "site_code",
                                                     "accession_number",
                                                     "local_code",
                                                     "excluded",
                                                     "content_hash"};
    static const std::vector<std::string> findings = {
        "submission_id", "line", "rule", "severity", "field", "value", "message", "site_code", "accession_number"};
    static const std::vector<std::string> duplicates = {"submission_id", "line", "other_provider",
                                                        "other_submission_id"};
    static const std::vector<std::string> activity = {"submission_id", "provider",    "period",         "site",
                                                      "nicip",         "modality",    "source_setting", "excluded",
                                                      "local_coded",   "examinations"};
    static const std::vector<std::string> gp = {"submission_id", "provider", "period",           "gp_practice",
                                                "nicip",         "modality", "gp_direct_access", "examinations"};
    static const std::vector<std::string> geography = {"submission_id", "provider", "period", "postcode_district",
                                                       "modality",      "age_band", "sex",    "ethnic",
                                                       "examinations"};
    static const std::vector<std::string> waits = {"submission_id",  "provider", "period", "site",        "modality",
                                                   "source_setting", "measure",  "days",   "examinations"};
    switch (table) {
        case BulkTable::kRecords:
            return records;
        case BulkTable::kFindings:
            return findings;
        case BulkTable::kDuplicates:
            return duplicates;
        case BulkTable::kCubeActivity:
            return activity;
        case BulkTable::kCubeGp:
            return gp;
        case BulkTable::kCubeGeography:
            return geography;
        case BulkTable::kCubeWaits:
            return waits;
    }
    return records;
}

namespace {

const char* TableName(BulkTable table) {
    switch (table) {
        case BulkTable::kRecords:
            return "records";
        case BulkTable::kFindings:
            return "findings";
        case BulkTable::kDuplicates:
            return "duplicate_examinations";
        case BulkTable::kCubeActivity:
            return "cube_activity";
        case BulkTable::kCubeGp:
            return "cube_gp";
        case BulkTable::kCubeGeography:
            return "cube_geography";
        case BulkTable::kCubeWaits:
            return "cube_waits";
    }
    return "records";
}

// On SQLite the records and the cube tables are clustered by submission: a row's id is its
// submission's id times 2^32 plus its line (records) or its place in the load (cube), and the
// submission is read back from the id (see the schema). This loader makes the id from the
// row's leading values and drops those the table does not store.
constexpr int kLineBits = 32;
constexpr size_t kRecordKeyValues = 3;  // submission_id, line, period

class SqliteClusteredLoader final : public BulkLoader {
  public:
    // `dropped`: how many leading values the id replaces; `by_line`: the second value is the line.
    SqliteClusteredLoader(std::unique_ptr<BulkLoader> inner, size_t dropped, bool by_line)
        : inner_(std::move(inner)), dropped_(dropped), by_line_(by_line) {}
    core::Status Add(const BulkRow& row) override {
        const int64_t submission = std::get<int64_t>(row[0]);
        const int64_t place = by_line_ ? std::get<int64_t>(row[1]) : next_++;
        if (place < 0 || place >= (int64_t{1} << kLineBits)) {
            return core::Fail(core::Error::InvalidArgument("row " + std::to_string(place) + " is out of range"));
        }
        with_id_.assign(1, BulkValue{(submission << kLineBits) | place});
        with_id_.insert(with_id_.end(), row.begin() + static_cast<std::ptrdiff_t>(dropped_), row.end());
        return inner_->Add(with_id_);
    }
    core::Status Finish() override { return inner_->Finish(); }

  private:
    std::unique_ptr<BulkLoader> inner_;
    size_t dropped_;
    bool by_line_;
    int64_t next_ = 0;
    BulkRow with_id_;
};

bool IsCube(BulkTable table) {
    return table == BulkTable::kCubeActivity || table == BulkTable::kCubeGp || table == BulkTable::kCubeGeography ||
           table == BulkTable::kCubeWaits;
}

}  // namespace

std::pair<std::string, SqlParams> RecordTable::OfSubmission(int64_t submission_id, const std::string& period) const {
    if (db_.dialect() == Dialect::kSqlite) {
        const int64_t first = submission_id << kLineBits;
        return {"id BETWEEN ? AND ?", {first, first | ((int64_t{1} << kLineBits) - 1)}};
    }
    if (period.empty()) return {"submission_id = ?", {submission_id}};
    return {"submission_id = ? AND period = ?", {submission_id, period}};  // one partition only
}

core::Result<PartitionLease> RecordTable::EnsurePartition(core::Period period) {
    // The next submission after one killed before it committed tidies up what that left.
    const std::string month = period.ToString();
    if (auto dropped = DropAbandonedPartitions(db_, month); !dropped) return core::Fail(dropped.error());
    return LeasePartition(db_, month);
}

core::Result<std::unique_ptr<BulkLoader>> RecordTable::Loader(BulkTable table) {
    if (table == BulkTable::kRecords) {
        return core::Fail(core::Error::Internal("records are loaded a month at a time: use RecordLoader"));
    }
    if (db_.dialect() != Dialect::kSqlite || !IsCube(table)) return db_.BeginBulk(TableName(table), BulkColumns(table));
    return ClusteredLoader(table, 1, false);
}

core::Result<std::unique_ptr<BulkLoader>> RecordTable::ClusteredLoader(BulkTable table, size_t dropped, bool by_line) {
    std::vector<std::string> columns = {"id"};
    columns.insert(columns.end(), BulkColumns(table).begin() + static_cast<std::ptrdiff_t>(dropped),
                   BulkColumns(table).end());
    auto loader = db_.BeginBulk(TableName(table), columns);
    if (!loader) return core::Fail(loader.error());
    return std::unique_ptr<BulkLoader>(new SqliteClusteredLoader(std::move(*loader), dropped, by_line));
}

core::Result<std::unique_ptr<BulkLoader>> RecordTable::RecordLoader(core::Period period) {
    if (db_.dialect() == Dialect::kPostgres) {
        // Straight into the month's partition: COPY through the parent table routes each row,
        // which costs a fifth of the load.
        auto name = PartitionName(period.ToString());
        if (!name) return core::Fail(name.error());
        return db_.BeginBulk(*name, BulkColumns(BulkTable::kRecords));
    }
    return ClusteredLoader(BulkTable::kRecords, kRecordKeyValues, true);
}

core::Status RecordTable::ForEachDigest(
    int64_t submission_id, const std::function<void(std::string_view, std::string_view, uint64_t)>& visit) {
    auto [where, params] = OfSubmission(submission_id);
    return db_.Query("SELECT site_code, accession_number, content_hash FROM records WHERE " + where, params,
                     [&](const SqlRow& r) {
                         visit(r.Text(0), r.Text(1), static_cast<uint64_t>(r.Int(2)));
                         return true;
                     });
}

core::Status RecordTable::ForEachExamination(core::Period period, const std::string& except_provider,
                                             const std::vector<std::string>& sites,
                                             const std::vector<std::string>& site_prefixes,
                                             const std::function<void(const StoredExamination&)>& visit) {
    if (sites.empty() && site_prefixes.empty()) return {};
    std::string where;
    SqlParams params = {period.ToString(), except_provider};
    auto list = [&](const std::vector<std::string>& values, const std::string& expression) {
        if (values.empty()) return;
        where += (where.empty() ? "" : " OR ") + expression + " IN (";
        for (size_t i = 0; i < values.size(); ++i) {
            where += i ? ",?" : "?";
            params.push_back(values[i]);
        }
        where += ")";
    };
    list(sites, "c.site");
    list(site_prefixes, "substr(c.site, 1, 3)");
    std::vector<std::pair<int64_t, std::string>> files;
    auto status = db_.Query(
        "SELECT DISTINCT c.submission_id, s.provider FROM cube_activity c JOIN submissions s ON s.id = c.submission_id "
        "WHERE c.period = ? AND s.status = 'current' AND s.provider <> ? AND (" +
            where + ") ORDER BY 1",
        params, [&](const SqlRow& r) {
            files.emplace_back(r.Int(0), r.Text(1));
            return true;
        });
    if (!status) return status;
    auto wanted = [&](const std::string& site) {
        if (std::find(sites.begin(), sites.end(), site) != sites.end()) return true;
        const std::string prefix = site.substr(0, 3);
        return std::find(site_prefixes.begin(), site_prefixes.end(), prefix) != site_prefixes.end();
    };
    for (const auto& [id, provider] : files) {
        auto [of_submission, of_params] = OfSubmission(id, period.ToString());
        status =
            db_.Query("SELECT line, nhs_number, test_date, nicip_code, snomed_code, site_code FROM records WHERE " +
                          of_submission,
                      of_params, [&](const SqlRow& r) {
                          if (wanted(r.Text(5)))
                              visit({provider, id, r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
                          return true;
                      });
        if (!status) return status;
    }
    return {};
}

core::Result<std::vector<DuplicateExamination>> RecordTable::CurrentDuplicates(core::Period period) {
    std::vector<DuplicateExamination> out;
    auto status = db_.Query(
        "SELECT d.submission_id, s.provider, d.line, d.other_provider, d.other_submission_id "
        "FROM duplicate_examinations d JOIN submissions s ON s.id = d.submission_id "
        "JOIN submissions o ON o.id = d.other_submission_id "
        "WHERE s.period = ? AND s.status = 'current' AND o.status = 'current' ORDER BY d.submission_id, d.line",
        {period.ToString()}, [&](const SqlRow& r) {
            out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Int(4)});
            return true;
        });
    if (!status) return core::Fail(status.error());
    return out;
}

core::Result<int64_t> RecordTable::CountRecords(int64_t submission_id) {
    auto [where, params] = OfSubmission(submission_id);
    auto row = db_.QueryOne("SELECT COUNT(*) FROM records WHERE " + where, params);
    if (!row) return core::Fail(row.error());
    return (*row)->Int(0);
}

core::Result<int64_t> RecordTable::CountFindings(int64_t submission_id) {
    auto row = db_.QueryOne("SELECT COUNT(*) FROM findings WHERE submission_id = ?", {submission_id});
    if (!row) return core::Fail(row.error());
    return (*row)->Int(0);
}

core::Status RecordTable::ForEachFinding(int64_t submission_id, const std::function<bool(const FindingRow&)>& visit) {
    return db_.Query(
        "SELECT line, site_code, accession_number, rule, severity, field, value, message FROM findings "
        "WHERE submission_id = ? ORDER BY line",
        {submission_id}, [&](const SqlRow& r) {
            return visit({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)});
        });
}

}  // namespace did::store
