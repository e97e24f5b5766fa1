#include "store/statistics_cube_table.hpp"

#include "store/record_table.hpp"

namespace did::store {

namespace {

// Each part of a file's cube has a table of its own, so that a table reads only its part.
const char* TableOf(CubePart part) {
    switch (part) {
        case CubePart::kCells:
            return "statistics_cube_files";
        case CubePart::kCommissioners:
            return "statistics_cube_commissioners";
        case CubePart::kAgeAndSex:
            return "statistics_cube_age_sex";
    }
    return "statistics_cube_files";
}

constexpr CubePart kParts[] = {CubePart::kCells, CubePart::kCommissioners, CubePart::kAgeAndSex};

}  // namespace

core::Status StatisticsCubeTable::ForEachCurrentFile(core::Period first, core::Period last, CubePart part,
                                                     const std::function<void(const StatisticsCubeFile&)>& visit) {
    StatisticsCubeFile file;
    return db_.Query(std::string("SELECT f.provider, f.period, f.cells FROM ") + TableOf(part) +
                         " f JOIN submissions s ON s.id = f.submission_id "
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
    for (const CubePart part : kParts) {
        const std::string& cells = part == CubePart::kCells           ? texts.cells
                                   : part == CubePart::kCommissioners ? texts.commissioners
                                                                      : texts.by_age_and_sex;
        // A part left from a count that lost its cells (a file counted again) gives way.
        if (auto stale =
                db_.Execute(std::string("DELETE FROM ") + TableOf(part) + " WHERE submission_id = ?", {submission_id});
            !stale) {
            return stale;
        }
        if (auto written = db_.Execute(std::string("INSERT INTO ") + TableOf(part) +
                                           " (submission_id, provider, period, cells) VALUES (?, ?, ?, ?)",
                                       {submission_id, provider, period, cells});
            !written) {
            return written;
        }
    }
    return {};
}

core::Status StatisticsCubeTable::ForgetAll() {
    for (const CubePart part : kParts) {
        if (auto deleted = db_.Execute(std::string("DELETE FROM ") + TableOf(part)); !deleted) return deleted;
    }
    return {};
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
