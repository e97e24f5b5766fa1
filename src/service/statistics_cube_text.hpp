// The statistics cube of one stored file, as the one text cell it is kept in
// (statistics_cube_files.cells): every (modality, source setting, cancer test group, measure)
// with its examinations by wait in whole days, and the examinations of each NICIP code. One
// row per file, rather than a row per cell, because a table reads a year of files: 1,800 rows
// at England's scale where a row per cell was millions, and most of the time went on rows.
//
// The text is printable ASCII, so that it is a TEXT cell on both databases: "C1" (the
// version), then unsigned numbers as base-64 digits of 5 bits each, lowest first, a digit of
// 32 or more saying another follows; a name is its length then its characters.
//   names:  count, each name
//   series: count, each: modality, setting (names), group (0: none, g: kCancerTestGroups[g-1]),
//           measure (1: request to test, 0: test to report), cells, each: days + 1 (0: not
//           known) as the step from the previous cell's, examinations
//   codes:  count, each: code, modality (names), examinations
// A reader refuses any other version: the cube is counted again from the records
// (`did db migrate --recount-statistics`) when the layout changes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace did::service {

// Examinations with a wait of `days` whole days (-1: not known).
struct DayCount {
    int32_t days = 0;
    int64_t examinations = 0;
};

// The cells of one modality, setting, cancer test group and measure: FileCube::days[first,
// first + size), in increasing days.
struct CubeSeries {
    uint32_t modality = 0;  // into FileCube::names
    uint32_t setting = 0;   // into FileCube::names
    uint32_t group = 0;     // 0: in no cancer test group; g: refdata::kCancerTestGroups[g - 1]
    bool request_to_test = true;
    uint32_t first = 0;
    uint32_t size = 0;
};

// The examinations of one NICIP code (under its published modality).
struct CubeCodeCount {
    uint32_t code = 0;      // into FileCube::names
    uint32_t modality = 0;  // into FileCube::names
    int64_t examinations = 0;
};

// One file's cube. The names are views: into the text a cube was read from, or into what the
// writer keeps alive until it has encoded.
struct FileCube {
    std::vector<std::string_view> names;
    std::vector<CubeSeries> series;
    std::vector<DayCount> days;
    std::vector<CubeCodeCount> codes;
};

// One file's examinations by commissioner (statistics_cube_commissioners.cells), for the tables
// by commissioner: per commissioner (the ICB code the file's records resolved to, "" for none),
// modality, cancer test group, GP direct access or not and measure, the examinations in each
// DayBands bucket. The same text as the cube's, version "K1":
//   names:  count, each name
//   series: count, each: commissioner, modality (names), group, GP direct access (1) or not,
//           measure (1: request to test), cells, each: bucket (as the step from the previous
//           cell's), examinations
struct CommissionerSeries {
    uint32_t commissioner = 0;  // into CommissionerCube::names
    uint32_t modality = 0;      // into CommissionerCube::names
    uint32_t group = 0;         // 0: none; g: refdata::kCancerTestGroups[g - 1]
    bool gp_direct = false;
    bool request_to_test = true;
    uint32_t first = 0;  // into CommissionerCube::cells
    uint32_t size = 0;
};

struct BucketCount {
    uint32_t bucket = 0;  // DayBands' bucket: 0 not known
    int64_t examinations = 0;
};

struct CommissionerCube {
    std::vector<std::string_view> names;
    std::vector<CommissionerSeries> series;
    std::vector<BucketCount> cells;
};

// One file's examinations by NICIP code, the patient's age band (service/age_band.hpp) and
// sex as sent (statistics_cube_age_sex.cells), for the radiation analysis. Version "A1":
//   names:   count, each name
//   entries: count, each: code, age band, sex (names), examinations
struct AgeSexCount {
    uint32_t code = 0;  // into AgeSexCube::names
    uint32_t age_band = 0;
    uint32_t sex = 0;
    int64_t examinations = 0;
};

struct AgeSexCube {
    std::vector<std::string_view> names;
    std::vector<AgeSexCount> entries;
};

// The text of a cube. Fails when a name is not printable ASCII.
core::Result<std::string> EncodeFileCube(const FileCube& cube);
// Reads `text` into `cube` (its vectors reused); the names point into `text`.
core::Status DecodeFileCube(std::string_view text, FileCube& cube);

core::Result<std::string> EncodeCommissionerCube(const CommissionerCube& cube);
core::Status DecodeCommissionerCube(std::string_view text, CommissionerCube& cube);

core::Result<std::string> EncodeAgeSexCube(const AgeSexCube& cube);
core::Status DecodeAgeSexCube(std::string_view text, AgeSexCube& cube);

}  // namespace did::service
