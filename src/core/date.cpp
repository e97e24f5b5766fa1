#include "core/date.hpp"

#include <algorithm>
#include <ctime>

namespace did::core {
namespace {

constexpr uint32_t Pack(int year, int month, int day) {
    return (static_cast<uint32_t>(year) << 9) | (static_cast<uint32_t>(month) << 5) | static_cast<uint32_t>(day);
}

inline bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}
inline int Digit(char c) {
    return c - '0';
}

bool TwoDigits(std::string_view s, size_t at, int max, int& out) {
    if (!IsDigit(s[at]) || !IsDigit(s[at + 1])) return false;
    out = Digit(s[at]) * 10 + Digit(s[at + 1]);
    return out <= max;
}

// The time part of a DID 2.0 timestamp, starting after the 'T'.
bool ValidTimeAndZone(std::string_view rest) {
    int unused = 0;
    if (rest.size() < 5 || rest[2] != ':' || !TwoDigits(rest, 0, 23, unused) || !TwoDigits(rest, 3, 59, unused)) {
        return false;
    }
    rest.remove_prefix(5);
    if (rest.size() >= 3 && rest[0] == ':') {
        if (!TwoDigits(rest, 1, 59, unused)) return false;
        rest.remove_prefix(3);
    }
    return rest == "Z" || rest == "+00:00" || rest == "-00:00" || rest == "+01:00";
}

}  // namespace

bool IsLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

std::optional<Date> Date::FromYmd(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
        return std::nullopt;
    }
    return Date(Pack(year, month, day));
}

std::optional<Date> Date::Parse(std::string_view s) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (!IsDigit(s[i])) return std::nullopt;
    }
    const int year = Digit(s[0]) * 1000 + Digit(s[1]) * 100 + Digit(s[2]) * 10 + Digit(s[3]);
    const int month = Digit(s[5]) * 10 + Digit(s[6]);
    const int day = Digit(s[8]) * 10 + Digit(s[9]);
    if (s.size() > 10 && (s[10] != 'T' || !ValidTimeAndZone(s.substr(11)))) return std::nullopt;
    return FromYmd(year, month, day);
}

Date Date::Today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date(Pack(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday));
}

Date Date::AddMonths(int months) const {
    const int index = Year() * 12 + (Month() - 1) + months;
    int year = index / 12;
    int month = index % 12 + 1;
    if (year < 1) return Date(Pack(1, 1, 1));  // saturate: only reached by absurd arithmetic
    if (year > 9999) return Date(Pack(9999, 12, 31));
    const int day = std::min(Day(), DaysInMonth(year, month));
    return Date(Pack(year, month, day));
}

// Howard Hinnant's days_from_civil / civil_from_days, proleptic Gregorian calendar.
int32_t Date::DaysSinceEpoch() const {
    int y = Year();
    const int m = Month();
    const int d = Day();
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date Date::FromDaysSinceEpoch(int32_t days) {
    const int z = days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    const int y = yoe + era * 400 + (m <= 2);
    if (y < 1) return Date(Pack(1, 1, 1));
    if (y > 9999) return Date(Pack(9999, 12, 31));
    return Date(Pack(y, m, d));
}

Date Date::AddDays(int days) const {
    return FromDaysSinceEpoch(DaysSinceEpoch() + days);
}

void Date::AppendTo(std::string& out) const {
    char buf[10];
    int y = Year();
    for (int i = 3; i >= 0; --i, y /= 10) buf[i] = static_cast<char>('0' + y % 10);
    buf[4] = '-';
    buf[5] = static_cast<char>('0' + Month() / 10);
    buf[6] = static_cast<char>('0' + Month() % 10);
    buf[7] = '-';
    buf[8] = static_cast<char>('0' + Day() / 10);
    buf[9] = static_cast<char>('0' + Day() % 10);
    out.append(buf, 10);
}

std::string Date::ToString() const {
    std::string out;
    AppendTo(out);
    return out;
}

}  // namespace did::core
