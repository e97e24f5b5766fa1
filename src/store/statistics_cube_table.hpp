// StatisticsCubeTable: the statistics cube (statistics_cube_files, and its parts by commissioner
// and by age and sex in tables of their own: one row per stored file,
// its cells as text, service/statistics_cube_text.hpp), read back for the published tables from
// the current file of each provider and month only; and what filling it for files stored before
// it existed needs: which files are not counted, and their records' few columns. One thread.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/period.hpp"
#include "store/sql_connection.hpp"

namespace did::store {

// One current file's cube: its provider, month and the text of its cells, or of its counts by
// commissioner.
struct StatisticsCubeFile {
    std::string provider;
    std::string period;  // YYYY-MM
    std::string cells;
};
enum class CubePart { kCells, kCommissioners, kAgeAndSex };

// The texts of one file's cube (service/statistics_cube_text.hpp).
struct StatisticsCubeTexts {
    std::string cells;
    std::string commissioners;
    std::string by_age_and_sex;
};

// A stored file whose statistics cube is still to be counted.
struct UncountedFile {
    int64_t submission_id = 0;
    std::string provider;
    std::string period;
    bool current = false;  // else superseded
};

// What the statistics cube counts of one stored record.
struct StatisticsRecord {
    std::string nicip_code;
    std::string snomed_code;
    std::string source_setting;
    std::string request_date;
    std::string request_received_date;
    std::string test_date;
    std::string report_issue_date;
    std::string gp_practice;
    std::string postcode;
    std::string birth_date;
    std::string gender;
    bool excluded = false;
};

class StatisticsCubeTable {
  public:
    explicit StatisticsCubeTable(SqlConnection& db) : db_(db) {}

    // The cube of each current file of the months [first, last], ordered by provider then month.
    core::Status ForEachCurrentFile(core::Period first, core::Period last, CubePart part,
                                    const std::function<void(const StatisticsCubeFile&)>& visit);

    // Keeps a file's cube (inside the transaction that stores the file): it is then counted.
    core::Status Write(int64_t submission_id, const std::string& provider, const std::string& period,
                       const StatisticsCubeTexts& texts);
    // Forgets every file's cube, so that all are counted again.
    core::Status ForgetAll();
    // Stored files (current or superseded) with no cube.
    core::Result<std::vector<UncountedFile>> Uncounted();
    core::Status ForEachRecord(const UncountedFile& file, const std::function<void(const StatisticsRecord&)>& visit);

  private:
    SqlConnection& db_;
};

}  // namespace did::store
