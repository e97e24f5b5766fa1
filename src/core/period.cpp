#include "core/period.hpp"

#include <cstdio>

namespace did::core {

std::optional<Period> Period::Parse(std::string_view s) {
    if (s.size() != 7 || s[4] != '-') return std::nullopt;
    const auto parsed = Date::Parse(std::string(s) + "-01");
    if (!parsed) return std::nullopt;
    return Period(parsed->Year(), parsed->Month());
}

Date Period::FirstDay() const {
    return *Date::FromYmd(year_, month_, 1);
}
Date Period::LastDay() const {
    return *Date::FromYmd(year_, month_, DaysInMonth(year_, month_));
}

std::string Period::ToString() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year_, month_);
    return buf;
}

}  // namespace did::core
