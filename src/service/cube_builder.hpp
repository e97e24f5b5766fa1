// CubeBuilder: the analysis cube of one submission, counted as accepted records stream by.
// One table per family of analyses, each with only the dimensions those need, so that a
// month's cube stays far smaller than its records:
// - activity by site, code, modality and source setting (activity, KH12, equipment, local codes);
// - GP practice use by code, GP direct access or not (practice benchmarks of cancer tests);
// - geography and demography: postcode district, modality, age band, sex, ethnic group;
// - waits in whole days (request to test, test to report) by site, modality and source setting;
// - the published tables' cube (statistics_cube.hpp).
// Excluded activity is counted apart, in activity only.
// Dimension values are interned to small numbers and packed into one 64-bit key per cell,
// so counting a record costs a few integer hash lookups. One per submission; single-threaded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/flat_u64_map.hpp"
#include "service/age_band.hpp"
#include "service/commissioners.hpp"
#include "service/statistics_cube.hpp"
#include "store/record_table.hpp"
#include "validate/accepted_batch.hpp"

namespace did::service {

// Distinct values of one dimension, numbered from 0 in order of arrival.
class Interner {
  public:
    explicit Interner(int bits) : limit_(uint64_t{1} << bits) {}
    // The value's number, or `limit` (too many distinct values) which the caller reports.
    uint64_t Id(std::string_view value);
    const std::string& Value(uint64_t id) const { return values_[id]; }
    uint64_t limit() const { return limit_; }

  private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    static constexpr size_t kShortValue = 7;
    uint64_t limit_;
    core::FlatU64Map<uint64_t> short_ids_;  // values of up to kShortValue bytes, packed into the key
    core::FlatU64Map<uint64_t> by_hash_;    // longer ones, by hash
    std::unordered_map<std::string, uint64_t, Hash, std::equal_to<>> ids_;
    std::vector<std::string> values_;
};

class CubeBuilder {
  public:
    // `commissioners`: whose each examination is, for the statistics cube (kept; may be null).
    explicit CubeBuilder(const Commissioners* commissioners) : statistics_(commissioners) {}
    core::Status Add(const validate::AcceptedBatch& batch, const validate::AcceptedRecord& record);
    // Writes the cube rows in bulk (inside the caller's transaction); not the statistics cube,
    // which is one row of its own table (statistics()).
    core::Status Write(store::RecordTable& table, int64_t submission_id, const std::string& provider,
                       core::Period period) const;
    const StatisticsCube& statistics() const { return statistics_; }

  private:
    Interner sites_{20};
    Interner codes_{16};
    Interner modalities_{4};
    Interner settings_{4};
    Interner ages_{5};
    Interner sexes_{3};
    Interner practices_{24};
    Interner districts_{16};
    Interner ethnic_{8};
    core::FlatU64Map<int64_t> activity_;
    core::FlatU64Map<int64_t> gp_;
    core::FlatU64Map<int64_t> geography_;
    core::FlatU64Map<int64_t> waits_;
    StatisticsCube statistics_;
};

}  // namespace did::service
