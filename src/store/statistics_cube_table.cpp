#include "store/statistics_cube_table.hpp"

#include "store/record_table.hpp"

namespace did::store {

core::Status StatisticsCubeTable::ForEachCurrentFile(core::Period first, core::Period last, CubePart part,
                                                     const std::function<void(const StatisticsCubeFile&)>& visit) {
    StatisticsCubeFile file;
    const std::string column = part == CubePart::kCells           ? "f.cells"
                               : part == CubePart::kCommissioners ? "f.commissioners"
                                                                  : "f.by_age_and_sex";
    return db_.Query("SELECT f.provider, f.period, " + column +
                         " FROM statistics_cube_files f JOIN submissions s ON s.id = f.submission_id "
                         "WHERE s.status = 'current' AND f.period BETWEEN ? AND ? ORDER BY f.provider, f.period",
                     {first.ToString(), last.ToString()}, [&](const SqlRow& r) {
                         file.provider = r.Text(0);
                         file.period = r.Text(1);
                         file.cells = r.Text(2);
                         visit(file);
                         return true;
                     });
}

core::Status StatisticsCubeTable::Write(int64_t submission_id, const std::string& provider, const std::string& period,
                                        const StatisticsCubeTexts& texts) {
    return db_.Execute(
        "INSERT INTO statistics_cube_files (submission_id, provider, period, cells, commissioners, by_age_and_sex) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {submission_id, provider, period, texts.cells, texts.commissioners, texts.by_age_and_sex});
}

core::Status StatisticsCubeTable::ForgetAll() {
    return db_.Execute("DELETE FROM statistics_cube_files");
}

core::Result<std::vector<UncountedFile>> StatisticsCubeTable::Uncounted() {
    std::vector<UncountedFile> files;
    auto status = db_.Query(
        "SELECT s.id, s.provider, s.period, s.status FROM submissions s "
        "WHERE s.status IN ('current', 'superseded') "
        "AND NOT EXISTS (SELECT 1 FROM statistics_cube_files f WHERE f.submission_id = s.id) ORDER BY s.id",
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
        "report_issue_date, gp_practice, postcode, birth_date, gender, excluded FROM records WHERE " +
            where,
        params, [&](const SqlRow& r) {
            record.nicip_code = r.Text(0);
            record.snomed_code = r.Text(1);
            record.source_setting = r.Text(2);
            record.request_date = r.Text(3);
            record.request_received_date = r.Text(4);
            record.test_date = r.Text(5);
            record.report_issue_date = r.Text(6);
            record.gp_practice = r.Text(7);
            record.postcode = r.Text(8);
            record.birth_date = r.Text(9);
            record.gender = r.Text(10);
            record.excluded = r.Int(11) != 0;
            visit(record);
            return true;
        });
}

}  // namespace did::store
