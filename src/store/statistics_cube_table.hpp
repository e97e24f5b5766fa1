// StatisticsCubeTable: the statistics cube (cube_statistics), and the activity cube's counts by
// code, read back for the published tables, the current file of each provider and month only; and what filling it for
// files stored before it existed needs: which files are not done, and their records' few columns. One thread.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/period.hpp"
#include "store/sql_connection.hpp"

namespace did::store {

// One cell of the cube, summed over the current files of a provider and month.
struct StatisticsCell {
    std::string provider;
    std::string period;  // YYYY-MM
    std::string modality;
    std::string source_setting;
    std::string cancer_test_group;  // "" for none
    bool request_to_test = true;    // else test to report
    int64_t days = 0;               // -1: not known
    int64_t examinations = 0;
};

// Examinations of one NICIP code, summed over the current files of a provider and month
// (the activity cube, cube_activity; excluded activity left out).
struct CodeCount {
    std::string provider;
    std::string period;    // YYYY-MM
    std::string nicip;     // "unknown" for a code the catalogue did not have
    std::string modality;  // the catalogue modality's label
    int64_t examinations = 0;
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
    bool excluded = false;
};

class StatisticsCubeTable {
  public:
    explicit StatisticsCubeTable(SqlConnection& db) : db_(db) {}

    // The cells of the current files for the months [first, last], grouped over files.
    core::Status ForEachCell(core::Period first, core::Period last,
                             const std::function<void(const StatisticsCell&)>& visit);

    // The examinations of each code in the current files of the months [first, last].
    core::Status ForEachCodeCount(core::Period first, core::Period last,
                                  const std::function<void(const CodeCount&)>& visit);

    // Marks a file's statistics cube as counted (inside the transaction that wrote it).
    core::Status MarkCounted(int64_t submission_id);
    // Forgets every file's statistics cube (rows and marks), so that all are counted again.
    core::Status ForgetAll();
    // Stored files (current or superseded) not yet marked.
    core::Result<std::vector<UncountedFile>> Uncounted();
    core::Status ForEachRecord(const UncountedFile& file, const std::function<void(const StatisticsRecord&)>& visit);

  private:
    SqlConnection& db_;
};

}  // namespace did::store
