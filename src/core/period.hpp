// Period: a reporting period, one calendar month (`YYYY-MM`). Records belong to the
// period of their DIAGNOSTIC TEST DATE. A plain value; thread-safe.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"

namespace did::core {

class Period {
  public:
    static std::optional<Period> Parse(std::string_view text);  // `YYYY-MM`
    static Period Of(Date date) { return Period(date.Year(), date.Month()); }

    int Year() const { return year_; }
    int Month() const { return month_; }
    Date FirstDay() const;
    Date LastDay() const;
    bool Contains(Date date) const { return date.Year() == year_ && date.Month() == month_; }
    Period Next() const { return Period(month_ == 12 ? year_ + 1 : year_, month_ == 12 ? 1 : month_ + 1); }
    Period Previous() const { return Period(month_ == 1 ? year_ - 1 : year_, month_ == 1 ? 12 : month_ - 1); }
    std::string ToString() const;

    auto operator<=>(const Period&) const = default;

  private:
    Period(int year, int month) : year_(year), month_(month) {}
    int year_;
    int month_;
};

}  // namespace did::core
