// StatisticsFigures: what a published table reads of the statistics cube for a span of months,
// gathered from the current file of each provider and month into flat arrays indexed by number
// (who, column, row), never by string: a year at England's scale is 1,800 files and millions
// of cells, and a table must come back in a fraction of a second. Only what the table asks for
// is gathered. A provider's figures are finished (medians taken, its day-by-day counts dropped)
// when the next provider's files begin, so memory holds one provider and England at a time.
// Unrounded: report/published_table.hpp rounds and suppresses.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/period.hpp"
#include "refdata/published_modality.hpp"
#include "service/age_band.hpp"
#include "service/day_bands.hpp"
#include "store/store.hpp"

namespace did::service {

// Months from `first` to `last`, both included.
int MonthsBetween(core::Period first, core::Period last);
// The financial quarter of a month: "2025-26 Q1" for April to June 2025.
std::string QuarterOf(core::Period period);

// Known waits day by day, for a median.
class DayHistogram {
  public:
    void Add(int days, int64_t examinations);  // not known (-1) is left out
    void Add(const DayHistogram& other);
    void Clear();
    int64_t Total() const { return total_; }
    // The median; the mean of the two middle values for an even count. 0 for none.
    double Median() const;

  private:
    std::vector<int64_t> by_day_;
    int64_t total_ = 0;
};

// What a table breaks its rows down by, after the provider.
enum class RowsBy {
    kModality,         // the nine published modalities
    kCancerTestGroup,  // each of the five groups, all settings then GP direct access
    kInterventional,   // table 12: the nine, cone beam CT, endoscopy, interventional radiology
};
// The rows of kInterventional, in order.
const std::vector<std::string_view>& InterventionalRows();

// The source settings of tables 9-11 and 13, in table 11's column order; kOtherSettings is
// every other value (unknown included).
struct Setting {
    std::string_view code;
    std::string_view label;
};
inline constexpr std::array<Setting, 7> kSettings = {{{"05", "A&E"},
                                                      {"02", "Day case"},
                                                      {"01", "Inpatient"},
                                                      {"03", "Outpatient"},
                                                      {"04", "GP direct access"},
                                                      {"06", "Other health care provider"},
                                                      {"07", "Other"}}};
inline constexpr size_t kOtherSettings = kSettings.size();

struct FiguresWanted {
    RowsBy rows = RowsBy::kModality;
    bool request_to_test = true;   // the measure of the medians
    bool medians = false;          // per month and for the span (tables 2, 3, 5, 6)
    bool by_setting = false;       // bands by modality and setting over the span (tables 9-11)
    bool by_quarter = false;       // bands by modality and setting per quarter (table 13)
    bool by_commissioner = false;  // bands by commissioner over the span (tables 7a, 7b, 8): nothing else
    bool by_age_and_sex = false;   // examinations by code, age band and sex over the span: nothing else
};

// The rows of tables 7a, 7b and 8 by commissioner: bands by commissioner (0: England, c + 1:
// commissioners[c]), row and measure.
struct CommissionerFigures {
    std::vector<std::string> commissioners;  // as counted: an ICB's ODS code, its E54 code, or "" for none
    std::vector<DayBands> bands;
    size_t rows = 0;
    size_t At(size_t who, size_t row, bool request_to_test) const {
        return (who * rows + row) * 2 + (request_to_test ? 1 : 0);
    }
};

// The person's stated gender, as the analyses label it (DID codes 1, 2, 9, and 0 or anything
// else).
inline constexpr std::array<std::string_view, 4> kSexes = {"Male", "Female", "Not specified", "Not known"};

// England's examinations over the span by NICIP code, age band (kAgeBands) and sex (kSexes).
struct AgeSexFigures {
    std::vector<std::string> codes;
    std::vector<int64_t> examinations;  // by code, age band, sex
    size_t At(size_t code, size_t age_band, size_t sex) const {
        return (code * kAgeBands.size() + age_band) * kSexes.size() + sex;
    }
};

struct StatisticsFigures {
    // Who: 0 is England, p + 1 is providers[p] (in code order).
    std::vector<std::string> providers;
    std::vector<std::vector<bool>> months_of;  // per provider: the months with data
    int months = 0;                            // columns: each month, then `months` for the span
    std::vector<std::string> quarters;         // the span's financial quarters, in order
    size_t rows = 0;

    // By who, column and row: examinations (not known waits included), and the medians.
    std::vector<int64_t> count;
    std::vector<double> median;
    std::vector<int64_t> median_base;
    size_t At(size_t who, int column, size_t row) const {
        return (who * static_cast<size_t>(months + 1) + static_cast<size_t>(column)) * rows + row;
    }

    CommissionerFigures by_commissioner;  // when asked for
    AgeSexFigures by_age_and_sex;         // when asked for

    // By who, part (0: the span, q + 1: quarters[q]), modality, setting and measure.
    std::vector<DayBands> bands;
    const DayBands& Bands(size_t who, size_t part, size_t modality, size_t setting, bool request_to_test) const {
        return bands[BandsAt(who, part, modality, setting, request_to_test)];
    }
    size_t BandsAt(size_t who, size_t part, size_t modality, size_t setting, bool request_to_test) const {
        return (((who * (quarters.size() + 1) + part) * refdata::kPublishedModalities.size() + modality) *
                    (kOtherSettings + 1) +
                setting) *
                   2 +
               (request_to_test ? 1 : 0);
    }
};

core::Result<StatisticsFigures> GatherFigures(store::Store& store, core::Period first, core::Period last,
                                              const FiguresWanted& wanted);

}  // namespace did::service
