#include "service/statistics_figures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "refdata/cancer_test_groups.hpp"
#include "refdata/interventional_codes.hpp"
#include "service/statistics_cube_text.hpp"
#include "store/statistics_cube_table.hpp"

namespace did::service {
namespace {

constexpr size_t kNone = SIZE_MAX;
constexpr size_t kGpDirectAccess = 4;  // kSettings[4]

// The place in kSexes of a person's stated gender as sent (0 not known, 1 male, 2 female, 9 not
// specified; anything else is not known).
size_t SexOf(std::string_view gender) {
    if (gender == "1") return 0;
    if (gender == "2") return 1;
    if (gender == "9") return 2;
    return 3;
}

size_t RowsIn(RowsBy rows) {
    switch (rows) {
        case RowsBy::kModality:
            return refdata::kPublishedModalities.size();
        case RowsBy::kCancerTestGroup:
            return 2 * refdata::kCancerTestGroups.size();
        case RowsBy::kInterventional:
            return InterventionalRows().size();
    }
    return 0;
}

template <class Labels, class Label>
size_t PlaceIn(const Labels& labels, const Label& label) {
    const auto found = std::find(labels.begin(), labels.end(), label);
    return found == labels.end() ? kNone : static_cast<size_t>(found - labels.begin());
}

// A file's names resolved to the tables' numbers the first time each is needed: a file has a
// few hundred names (its codes among them) and a series uses only a handful.
class NameNumbers {
  public:
    void Reset(size_t names) {
        modality_.assign(names, kUnset);
        setting_.assign(names, kUnset);
    }
    size_t Modality(const FileCube& cube, uint32_t name) {
        return Resolve(modality_, name, [&] { return PlaceIn(refdata::kPublishedModalities, cube.names[name]); });
    }
    size_t Setting(const FileCube& cube, uint32_t name) {
        return Resolve(setting_, name, [&] {
            for (size_t s = 0; s < kSettings.size(); ++s) {
                if (kSettings[s].code == cube.names[name]) return s;
            }
            return kOtherSettings;
        });
    }

  private:
    static constexpr size_t kUnset = SIZE_MAX - 1;
    template <class Find>
    static size_t Resolve(std::vector<size_t>& known, uint32_t name, const Find& find) {
        if (known[name] == kUnset) known[name] = find();
        return known[name];
    }
    std::vector<size_t> modality_;
    std::vector<size_t> setting_;
};

// Hashes std::string and std::string_view alike, so that a map keyed by string is searched
// with a view, never a copy.
struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

class Gatherer {
  public:
    Gatherer(core::Period first, core::Period last, const FiguresWanted& wanted) : first_(first), wanted_(wanted) {
        f_.months = MonthsBetween(first, last);
        f_.rows = RowsIn(wanted.rows);
        for (core::Period p = first; static_cast<int>(quarter_of_month_.size()) < f_.months; p = p.Next()) {
            const std::string quarter = QuarterOf(p);
            if (f_.quarters.empty() || f_.quarters.back() != quarter) f_.quarters.push_back(quarter);
            quarter_of_month_.push_back(f_.quarters.size() - 1);
        }
        columns_ = static_cast<size_t>(f_.months) + 1;
        f_.by_commissioner.rows = f_.rows;
        f_.by_commissioner.bands.resize(f_.by_commissioner.At(1, 0, false));  // England
        Grow(0);                                                              // England
        if (wanted_.medians) england_days_.resize(columns_ * f_.rows);
    }

    core::Status Add(const store::StatisticsCubeFile& file) {
        auto decoded = wanted_.by_commissioner  ? DecodeCommissionerCube(file.cells, commissioner_cube_)
                       : wanted_.by_age_and_sex ? DecodeAgeSexCube(file.cells, age_sex_cube_)
                                                : DecodeFileCube(file.cells, cube_);
        if (!decoded) {
            return core::Fail(core::Error::Internal(
                fmt::format("{} for {}: {}", file.provider, file.period, decoded.error().message)));
        }
        const bool counted = wanted_.by_commissioner  ? !commissioner_cube_.series.empty()
                             : wanted_.by_age_and_sex ? !age_sex_cube_.entries.empty()
                                                      : !cube_.series.empty() || !cube_.codes.empty();
        if (!counted) return {};  // nothing that counts
        const auto period = core::Period::Parse(file.period);
        if (!period) return core::Fail(core::Error::Internal("a cube's month is not a month: " + file.period));
        if (f_.providers.empty() || f_.providers.back() != file.provider) NextProvider(file.provider);
        const size_t who = f_.providers.size();
        const int month = MonthsBetween(first_, *period) - 1;
        f_.months_of.back()[static_cast<size_t>(month)] = true;
        if (wanted_.by_commissioner) {
            AddCommissioners();
            return {};
        }
        if (wanted_.by_age_and_sex) {
            AddAgesAndSexes();
            return {};
        }
        names_.Reset(cube_.names.size());
        for (const CubeSeries& s : cube_.series) AddSeries(s, who, month);
        if (wanted_.rows == RowsBy::kInterventional) AddCodes(who, month);
        return {};
    }

    StatisticsFigures Finish() {
        FinishProvider();
        if (wanted_.medians) SetMedians(0, england_days_);
        return std::move(f_);
    }

  private:
    void Grow(size_t who) {
        const size_t cells = (who + 1) * columns_ * f_.rows;
        f_.count.resize(cells);
        if (wanted_.medians) {
            f_.median.resize(cells);
            f_.median_base.resize(cells);
        }
        if (wanted_.by_setting || wanted_.by_quarter) f_.bands.resize(f_.BandsAt(who + 1, 0, 0, 0, false));
    }

    void NextProvider(const std::string& provider) {
        FinishProvider();
        f_.providers.push_back(provider);
        f_.months_of.emplace_back(static_cast<size_t>(f_.months), false);
        Grow(f_.providers.size());
        if (wanted_.medians) provider_days_.resize(columns_ * f_.rows);
    }

    void FinishProvider() {
        if (f_.providers.empty() || !wanted_.medians) return;
        SetMedians(f_.providers.size(), provider_days_);
        for (DayHistogram& h : provider_days_) h.Clear();
    }

    void SetMedians(size_t who, const std::vector<DayHistogram>& days) {
        for (size_t column = 0; column < columns_; ++column) {
            for (size_t row = 0; row < f_.rows; ++row) {
                const DayHistogram& h = days[column * f_.rows + row];
                const size_t at = f_.At(who, static_cast<int>(column), row);
                f_.median[at] = h.Median();
                f_.median_base[at] = h.Total();
            }
        }
    }

    // The rows of a series (at most two: a cancer test group's all settings and GP direct access).
    size_t RowsOf(const CubeSeries& s, size_t modality, size_t setting, std::array<size_t, 2>& rows) const {
        switch (wanted_.rows) {
            case RowsBy::kModality:
                if (modality == kNone) return 0;
                rows[0] = modality;
                return 1;
            case RowsBy::kCancerTestGroup:
                if (s.group == 0 || s.group > refdata::kCancerTestGroups.size()) return 0;
                rows[0] = 2 * size_t{s.group - 1};
                rows[1] = rows[0] + 1;
                return setting == kGpDirectAccess ? 2 : 1;
            case RowsBy::kInterventional:
                return 0;  // from the codes
        }
        return 0;
    }

    void AddSeries(const CubeSeries& s, size_t who, int month) {
        const size_t modality = names_.Modality(cube_, s.modality);
        const size_t setting = names_.Setting(cube_, s.setting);
        const DayCount* cells = cube_.days.data() + s.first;
        std::array<size_t, 2> rows{};
        const size_t row_count = RowsOf(s, modality, setting, rows);
        const int columns[] = {month, f_.months};
        if (s.request_to_test && row_count > 0) {
            int64_t total = 0;
            for (uint32_t i = 0; i < s.size; ++i) total += cells[i].examinations;
            for (size_t r = 0; r < row_count; ++r) {
                for (const int column : columns) {
                    f_.count[f_.At(who, column, rows[r])] += total;
                    f_.count[f_.At(0, column, rows[r])] += total;
                }
            }
        }
        if (wanted_.medians && s.request_to_test == wanted_.request_to_test) {
            for (size_t r = 0; r < row_count; ++r) {
                for (const int column : columns) {
                    const size_t at = static_cast<size_t>(column) * f_.rows + rows[r];
                    for (uint32_t i = 0; i < s.size; ++i) {
                        provider_days_[at].Add(cells[i].days, cells[i].examinations);
                        england_days_[at].Add(cells[i].days, cells[i].examinations);
                    }
                }
            }
        }
        if ((wanted_.by_setting || wanted_.by_quarter) && modality != kNone) {
            DayBands bands;
            for (uint32_t i = 0; i < s.size; ++i) bands.Add(cells[i].days, cells[i].examinations);
            for (const size_t w : {who, size_t{0}}) {
                if (wanted_.by_setting) f_.bands[f_.BandsAt(w, 0, modality, setting, s.request_to_test)].Add(bands);
                if (wanted_.by_quarter) {
                    const size_t part = quarter_of_month_[static_cast<size_t>(month)] + 1;
                    f_.bands[f_.BandsAt(w, part, modality, setting, s.request_to_test)].Add(bands);
                }
            }
        }
    }

    void AddCommissioners() {
        CommissionerFigures& c = f_.by_commissioner;
        const auto& names = commissioner_cube_.names;
        for (const CommissionerSeries& s : commissioner_cube_.series) {
            size_t row = kNone;
            if (wanted_.rows == RowsBy::kModality) {
                row = PlaceIn(refdata::kPublishedModalities, names[s.modality]);
            } else if (s.group > 0 && s.group <= refdata::kCancerTestGroups.size()) {
                row = 2 * size_t{s.group - 1};
            }
            if (row == kNone) continue;
            auto [place, added] = commissioner_of_.try_emplace(std::string(names[s.commissioner]), 0);
            if (added) {
                c.commissioners.push_back(place->first);
                place->second = c.commissioners.size();
                c.bands.resize(c.At(c.commissioners.size() + 1, 0, false));
            }
            DayBands bands;
            for (uint32_t i = s.first; i < s.first + s.size; ++i) {
                bands.AddToBucket(commissioner_cube_.cells[i].bucket, commissioner_cube_.cells[i].examinations);
            }
            for (const size_t w : {place->second, size_t{0}}) {
                c.bands[c.At(w, row, s.request_to_test)].Add(bands);
                if (wanted_.rows == RowsBy::kCancerTestGroup && s.gp_direct) {
                    c.bands[c.At(w, row + 1, s.request_to_test)].Add(bands);
                }
            }
        }
    }

    // Codes met for the first time grow England's counts (the code is the outermost place).
    void AddAgesAndSexes() {
        AgeSexFigures& a = f_.by_age_and_sex;
        const auto& names = age_sex_cube_.names;
        // Each of the file's names resolved once (a code, an age band or a sex), not per entry:
        // a file has thousands of entries and a few hundred names.
        constexpr size_t kUnset = SIZE_MAX;
        name_place_.assign(names.size(), kUnset);
        auto place = [&](uint32_t name, const auto& find) {
            if (name_place_[name] == kUnset) name_place_[name] = find(names[name]);
            return name_place_[name];
        };
        auto code_of = [&](std::string_view code) {
            if (const auto found = code_numbers_.find(code); found != code_numbers_.end()) return found->second;
            code_numbers_.emplace(std::string(code), a.codes.size());
            a.codes.emplace_back(code);
            a.examinations.resize(a.codes.size() * kAgeBands.size() * kSexes.size());
            return a.codes.size() - 1;
        };
        for (const AgeSexCount& e : age_sex_cube_.entries) {
            const size_t code = place(e.code, code_of);
            const size_t age = place(e.age_band, [](std::string_view band) { return PlaceIn(kAgeBands, band); });
            if (age == kNone) continue;
            const size_t sex = place(e.sex, SexOf);
            a.examinations[a.At(code, age, sex)] += e.examinations;
        }
    }

    void AddCodes(size_t who, int month) {
        const auto& interventional = refdata::InterventionalCodes::Shipped();
        for (const CubeCodeCount& c : cube_.codes) {
            if (!interventional.Contains(cube_.names[c.code])) continue;
            const size_t row = PlaceIn(InterventionalRows(), cube_.names[c.modality]);
            if (row == kNone) continue;
            for (const int column : {month, f_.months}) {
                f_.count[f_.At(who, column, row)] += c.examinations;
                f_.count[f_.At(0, column, row)] += c.examinations;
            }
        }
    }

    core::Period first_;
    FiguresWanted wanted_;
    StatisticsFigures f_;
    size_t columns_ = 0;
    std::vector<size_t> quarter_of_month_;
    FileCube cube_;
    CommissionerCube commissioner_cube_;
    AgeSexCube age_sex_cube_;
    // → f_.by_age_and_sex.codes, found by a view of the file's text
    std::unordered_map<std::string, size_t, TextHash, std::equal_to<>> code_numbers_;
    std::vector<size_t> name_place_;                 // the file's names, resolved
    std::map<std::string, size_t> commissioner_of_;  // → who in f_.by_commissioner
    NameNumbers names_;
    std::vector<DayHistogram> provider_days_;  // by column and row: the provider being read
    std::vector<DayHistogram> england_days_;
};

}  // namespace

int MonthsBetween(core::Period first, core::Period last) {
    return (last.Year() - first.Year()) * 12 + last.Month() - first.Month() + 1;
}

std::string QuarterOf(core::Period period) {
    const int start = period.Month() >= 4 ? period.Year() : period.Year() - 1;
    return fmt::format("{}-{:02} Q{}", start, (start + 1) % 100, (period.Month() + 8) % 12 / 3 + 1);
}

void DayHistogram::Add(int days, int64_t examinations) {
    if (days < 0) return;
    const auto day = static_cast<size_t>(days);
    if (day >= by_day_.size()) by_day_.resize(std::max(day + 1, by_day_.size() * 2), 0);
    by_day_[day] += examinations;
    total_ += examinations;
}

void DayHistogram::Add(const DayHistogram& other) {
    if (other.by_day_.size() > by_day_.size()) by_day_.resize(other.by_day_.size(), 0);
    for (size_t d = 0; d < other.by_day_.size(); ++d) by_day_[d] += other.by_day_[d];
    total_ += other.total_;
}

void DayHistogram::Clear() {
    std::fill(by_day_.begin(), by_day_.end(), 0);
    total_ = 0;
}

double DayHistogram::Median() const {
    if (total_ == 0) return 0;
    // The values at 0-based places (total - 1) / 2 and total / 2: the same place when odd.
    auto value_at = [&](int64_t place) {
        for (size_t d = 0; d < by_day_.size(); ++d) {
            if (place < by_day_[d]) return static_cast<double>(d);
            place -= by_day_[d];
        }
        return static_cast<double>(by_day_.size() - 1);
    };
    return (value_at((total_ - 1) / 2) + value_at(total_ / 2)) / 2;
}

const std::vector<std::string_view>& InterventionalRows() {
    static const std::vector<std::string_view> rows = [] {
        std::vector<std::string_view> r(refdata::kPublishedModalities.begin(), refdata::kPublishedModalities.end());
        r.insert(r.end(), {refdata::kConeBeamCt, refdata::kEndoscopy,
                           refdata::ModalityLabel(refdata::Modality::kInterventional)});
        return r;
    }();
    return rows;
}

core::Result<StatisticsFigures> GatherFigures(store::Store& store, core::Period first, core::Period last,
                                              const FiguresWanted& wanted) {
    Gatherer gatherer(first, last, wanted);
    core::Status added;
    auto read = store::StatisticsCubeTable(store.db())
                    .ForEachCurrentFile(first, last,
                                        wanted.by_commissioner  ? store::CubePart::kCommissioners
                                        : wanted.by_age_and_sex ? store::CubePart::kAgeAndSex
                                                                : store::CubePart::kCells,
                                        [&](const store::StatisticsCubeFile& file) {
                                            if (added) added = gatherer.Add(file);
                                        });
    if (!read) return core::Fail(read.error());
    if (!added) return core::Fail(added.error());
    return gatherer.Finish();
}

}  // namespace did::service
