#include "store/statistics_cube_table.hpp"

#include "store/record_table.hpp"

namespace did::store {

core::Status StatisticsCubeTable::ForEachCell(core::Period first, core::Period last,
                                              const std::function<void(const StatisticsCell&)>& visit) {
    StatisticsCell cell;
    return db_.Query(
        "SELECT c.provider, c.period, c.modality, c.source_setting, c.cancer_test_group, c.measure, c.days, "
        "SUM(c.examinations) "
        "FROM cube_statistics c JOIN submissions s ON s.id = c.submission_id "
        "WHERE s.status = 'current' AND c.period BETWEEN ? AND ? "
        "GROUP BY c.provider, c.period, c.modality, c.source_setting, c.cancer_test_group, c.measure, c.days",
        {first.ToString(), last.ToString()}, [&](const SqlRow& r) {
            cell.provider = r.Text(0);
            cell.period = r.Text(1);
            cell.modality = r.Text(2);
            cell.source_setting = r.Text(3);
            cell.cancer_test_group = r.Text(4);
            cell.request_to_test = r.Text(5) == "request_to_test";
            cell.days = r.Int(6);
            cell.examinations = r.Int(7);
            visit(cell);
            return true;
        });
}

core::Status StatisticsCubeTable::ForEachCodeCount(core::Period first, core::Period last,
                                                   const std::function<void(const CodeCount&)>& visit) {
    CodeCount count;
    return db_.Query(
        "SELECT c.provider, c.period, c.nicip, c.modality, SUM(c.examinations) "
        "FROM cube_activity c JOIN submissions s ON s.id = c.submission_id "
        "WHERE s.status = 'current' AND c.excluded = 0 AND c.period BETWEEN ? AND ? "
        "GROUP BY c.provider, c.period, c.nicip, c.modality",
        {first.ToString(), last.ToString()}, [&](const SqlRow& r) {
            count.provider = r.Text(0);
            count.period = r.Text(1);
            count.nicip = r.Text(2);
            count.modality = r.Text(3);
            count.examinations = r.Int(4);
            visit(count);
            return true;
        });
}

core::Status StatisticsCubeTable::MarkCounted(int64_t submission_id) {
    return db_.Execute("INSERT INTO statistics_cube_built (submission_id) VALUES (?)", {submission_id});
}

core::Status StatisticsCubeTable::ForgetAll() {
    if (auto rows = db_.Execute("DELETE FROM cube_statistics"); !rows) return rows;
    return db_.Execute("DELETE FROM statistics_cube_built");
}

core::Result<std::vector<UncountedFile>> StatisticsCubeTable::Uncounted() {
    std::vector<UncountedFile> files;
    auto status = db_.Query(
        "SELECT s.id, s.provider, s.period, s.status FROM submissions s "
        "WHERE s.status IN ('current', 'superseded') "
        "AND NOT EXISTS (SELECT 1 FROM statistics_cube_built b WHERE b.submission_id = s.id) ORDER BY s.id",
        {}, [&](const SqlRow& r) {
            files.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3) == "current"});
            return true;
        });
    if (!status) return core::Fail(status.error());
    return files;
}

core::Status StatisticsCubeTable::ForEachRecord(const UncountedFile& file,
                                                const std::function<void(const StatisticsRecord&)>& visit) {
    auto [where, params] = RecordTable(db_).OfSubmission(file.submission_id, file.period);
    StatisticsRecord record;
    return db_.Query(
        "SELECT nicip_code, snomed_code, source_setting, request_date, request_received_date, test_date, "
        "report_issue_date, excluded FROM records WHERE " +
            where,
        params, [&](const SqlRow& r) {
            record.nicip_code = r.Text(0);
            record.snomed_code = r.Text(1);
            record.source_setting = r.Text(2);
            record.request_date = r.Text(3);
            record.request_received_date = r.Text(4);
            record.test_date = r.Text(5);
            record.report_issue_date = r.Text(6);
            record.excluded = r.Int(7) != 0;
            visit(record);
            return true;
        });
}

}  // namespace did::store
