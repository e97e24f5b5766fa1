// StatisticsCube: the statistics cube of one file, counted record by record: by the modality as
// the published tables count it (refdata/published_modality.hpp), the source setting, the
// cancer test group (refdata/cancer_test_groups.hpp), and each wait in whole days or not known
// (-1); and by NICIP code. Every examination that counts adds one to each measure, so either
// measure's total is the file's examinations. Kept as one text cell per file
// (statistics_cube_text.hpp). Filled as a file is stored (CubeBuilder) and, for files stored
// before the cube existed, from their stored records (RebuildStatisticsCube). One per file;
// single-threaded.
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
#include "service/age_band.hpp"
#include "service/commissioners.hpp"
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
    // `commissioners` (kept, may be null for none) says whose each examination is, for the
    // counts by commissioner.
    explicit StatisticsCube(const Commissioners* commissioners) : commissioners_(commissioners) {}

    // What the cube counts of one examination (not excluded).
    struct Examination {
        const refdata::NicipEntry* exam = nullptr;  // null when its code was not found
        std::string_view source_setting;
        int64_t request_to_test = -1;  // as WaitDays gives them
        int64_t test_to_report = -1;
        std::string_view practice;  // the patient's GP practice, postcode and sex, as sent
        std::string_view postcode;
        std::string_view sex;
        size_t age_band = 0;  // into kAgeBands
    };
    void Add(const Examination& e);
    // The cube, the counts by commissioner and by age and sex, as the texts they are kept in.
    core::Result<std::string> Encode() const;
    core::Result<std::string> EncodeCommissioners() const;
    core::Result<std::string> EncodeAgeAndSex() const;

  private:
    // A catalogue entry met in the file: its code, the names_ index of its modality as the
    // cube counts it with its cancer test group, packed (see the .cpp), and its examinations.
    struct Exam {
        uint32_t code = 0;  // into names_
        uint32_t exam_class = 0;
        int64_t examinations = 0;
    };
    static uint32_t Intern(std::vector<std::string>& names, std::string_view name);
    // The commissioners_ index of an examination's commissioner (0: none).
    uint32_t CommissionerOf(std::string_view practice, std::string_view postcode);

    std::vector<std::string> names_;         // modalities and codes
    std::vector<std::string> settings_;      // at most 101: the two-digit ones and "unknown"
    std::vector<Exam> exams_;                // a code not in the catalogue is the exam "unknown"
    core::FlatU64Map<uint32_t> exam_of_;     // catalogue entry's address → exams_ index + 1
    core::FlatU64Map<uint32_t> setting_of_;  // setting's bytes → settings_ index
    core::FlatU64Map<int64_t> counts_;       // key: exam class, setting, measure, days + 1, packed

    const Commissioners* commissioners_;
    std::vector<std::string> commissioner_names_{""};      // [0]: none
    core::FlatU64Map<uint32_t> commissioner_of_practice_;  // practice's bytes → index + 1 (1: none)
    core::FlatU64Map<uint32_t> commissioner_of_postcode_;  // postcode's bytes → index + 1
    core::FlatU64Map<int64_t> by_commissioner_;            // key: commissioner, exam class, GP direct, measure, bucket

    std::vector<std::string> sexes_;
    core::FlatU64Map<uint32_t> sex_of_;         // sex's bytes → sexes_ index + 1
    core::FlatU64Map<int64_t> by_age_and_sex_;  // key: exams_ index, age band, sex
};

// Counts the statistics cube of every stored file that has none yet, each file in its own
// transaction, reading its records back (the codes through `catalogue`). With `recount`, every
// file's cube is forgotten first (one transaction) and all are counted again: after the
// PET/SPECT list or the cancer test groups change. The number of files counted.
core::Result<int64_t> RebuildStatisticsCube(store::Store& store, const refdata::NicipCatalogue& catalogue,
                                            bool recount = false);

}  // namespace did::service
