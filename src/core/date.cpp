#include "core/date.hpp"

#include <algorithm>
#include <cstring>
#include <ctime>

namespace did::core {

uint32_t Date::ParseTimestamp(std::string_view text) {
    // CCYY-MM-DDThh:mm, optional :ss, then Z, +00:00, -00:00 or +01:00: 17, 20, 22 or 25 bytes.
    const size_t n = text.size();
    if (n != 17 && n != 20 && n != 22 && n != 25) return 0;
    const char* p = text.data();
    auto digit = [p](size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(p[i])) - '0'; };
    const unsigned h0 = digit(11), h1 = digit(12), i0 = digit(14), i1 = digit(15);
    if (p[10] != 'T' || p[13] != ':' || h0 > 2 || h1 > 9 || h0 * 10 + h1 > 23 || i0 > 5 || i1 > 9) return 0;
    size_t zone = 16;
    if (n == 20 || n == 25) {
        if (p[16] != ':' || digit(17) > 5 || digit(18) > 9) return 0;
        zone = 19;
    }
    if (n - zone == 1) {
        if (p[zone] != 'Z') return 0;
    } else {
        // "+00:00", "-00:00" or "+01:00", compared as a 4-byte and a 2-byte word (no memcmp call).
        constexpr auto kWord = [](const char* w) {
            return static_cast<uint32_t>(static_cast<unsigned char>(w[0])) |
                   static_cast<uint32_t>(static_cast<unsigned char>(w[1])) << 8 |
                   static_cast<uint32_t>(static_cast<unsigned char>(w[2])) << 16 |
                   static_cast<uint32_t>(static_cast<unsigned char>(w[3])) << 24;
        };
        uint32_t head;
        std::memcpy(&head, p + zone, 4);
        const bool known = head == kWord("+00:") || head == kWord("-00:") || head == kWord("+01:");
        if (!known || p[zone + 4] != '0' || p[zone + 5] != '0') return 0;
    }
    return ParseCalendarDate(p);
}

Date Date::Today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date(Pack(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday));
}

Date Date::AddMonthsSlow(int months) const {
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
