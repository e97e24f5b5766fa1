// StatisticsCube: the statistics cube of one file (cube_statistics), counted record by record:
// by the modality as the published tables count it (refdata/published_modality.hpp), the
// source setting, the cancer test group (refdata/cancer_test_groups.hpp), and each wait in whole days or not known
// (-1). Every examination that counts adds one to each measure, so either measure's total is the file's examinations.
// Filled as a file is stored (CubeBuilder) and, for files stored before the cube existed, from their stored records
// (RebuildStatisticsCube). One per file; single-threaded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/flat_u64_map.hpp"
#include "core/optional_date.hpp"
#include "core/period.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "store/record_table.hpp"
#include "store/statistics_cube_table.hpp"
#include "store/store.hpp"

namespace did::service {

// Whole days from `from` to `to`, at most ten years; -1 when either is missing or `to` is
// before `from`.
int64_t WaitDays(core::OptionalDate from, core::OptionalDate to);
// Request to test runs from the request date, or the received date when there is none.
inline int64_t RequestToTestDays(core::OptionalDate request, core::OptionalDate received, core::OptionalDate test) {
    return WaitDays(request ? request : received, test);
}

class StatisticsCube {
  public:
    // One examination that counts (not excluded): `exam` null when its code was not found;
    // its waits as WaitDays gives them.
    void Add(const refdata::NicipEntry* exam, std::string_view source_setting, int64_t request_to_test,
             int64_t test_to_report);
    // Writes the rows in bulk (inside the caller's transaction).
    core::Status Write(store::RecordTable& table, int64_t submission_id, const std::string& provider,
                       const std::string& period) const;

  private:
    uint32_t Intern(std::vector<std::string>& values, std::string_view value);

    std::vector<std::string> modalities_;
    std::vector<std::string> settings_;
    core::FlatU64Map<uint32_t> class_of_exam_;  // catalogue entry's address → modality and cancer test group
    core::FlatU64Map<uint32_t> setting_of_;     // setting's bytes → setting
    core::FlatU64Map<int64_t> counts_;          // key: modality, setting, measure, days + 1, packed
};

// Counts the statistics cube of every stored file that has none yet, each file in its own
// transaction, reading its records back (the codes through `catalogue`). With `recount`, every
// file's cube is forgotten first (one transaction) and all are counted again: after the
// PET/SPECT list or the cancer test groups change. The number of files counted.
core::Result<int64_t> RebuildStatisticsCube(store::Store& store, const refdata::NicipCatalogue& catalogue,
                                            bool recount = false);

}  // namespace did::service
