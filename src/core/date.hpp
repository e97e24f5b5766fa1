// Date: a calendar date as the DID rules compare them (no time of day, no time zone).
// Stored packed as year/month/day bits so comparison is one integer compare and
// month arithmetic needs no calendar conversion. A plain value; thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace did::core {

class Date {
  public:
    // Valid dates only: year 1..9999, a real day of the month.
    static std::optional<Date> FromYmd(int year, int month, int day);
    // For components already known to be valid.
    static Date FromValidYmd(int year, int month, int day) { return Date(Pack(year, month, day)); }

    // `CCYY-MM-DD`, or a DID 2.0 timestamp `CCYY-MM-DDThh:mm[:ss]` followed by `Z`, `+00:00`,
    // `-00:00` or `+01:00`; the date part is taken as written (no conversion to UTC).
    static std::optional<Date> Parse(std::string_view text) {
        const uint32_t packed = ParsePacked(text);
        if (packed == 0) return std::nullopt;
        return Date(packed);
    }
    // The same, as the packed value, 0 when `text` is not a date (no date packs to 0). For
    // the per-record checks: a std::optional<Date> returned from a function is written as a
    // word and a flag byte, then read back as one word, which stalls the store buffer.
    static uint32_t ParsePacked(std::string_view text) {
        if (text.size() == 10) return ParseCalendarDate(text.data());
        return ParseTimestamp(text);
    }

    // Today in the machine's local time zone (England's, on the collection's servers).
    static Date Today();

    int Year() const { return static_cast<int>(packed_ >> 9); }
    int Month() const { return static_cast<int>((packed_ >> 5) & 0xF); }
    int Day() const { return static_cast<int>(packed_ & 0x1F); }

    // Calendar months: keeps the day, clamped to the end of the target month (31 Aug - 6 months = 28/29 Feb).
    [[gnu::always_inline]] Date AddMonths(int months) const {
        const int index = Year() * 12 + (Month() - 1) + months;
        if (Day() <= 28 && index >= 12 && index < 120000) {  // no clamping needed: the common case
            return Date(Pack(index / 12, index % 12 + 1, Day()));
        }
        return AddMonthsSlow(months);
    }
    Date AddDays(int days) const;
    Date FirstOfMonth() const { return Date((packed_ & ~0x1Fu) | 1u); }

    // Days since 1970-01-01, for waits between dates.
    int32_t DaysSinceEpoch() const;
    static Date FromDaysSinceEpoch(int32_t days);

    // `CCYY-MM-DD`.
    std::string ToString() const;
    void AppendTo(std::string& out) const;

    uint32_t Packed() const { return packed_; }
    static Date FromPacked(uint32_t packed) { return Date(packed); }

    auto operator<=>(const Date&) const = default;

  private:
    explicit Date(uint32_t packed) : packed_(packed) {}
    static constexpr uint32_t Pack(int year, int month, int day) {
        return (static_cast<uint32_t>(year) << 9) | (static_cast<uint32_t>(month) << 5) | static_cast<uint32_t>(day);
    }
    Date AddMonthsSlow(int months) const;
    // `CCYY-MM-DD` at `p` (ten bytes), the common case: checked eight bytes at a time, since
    // it runs five times per record.
    static uint32_t ParseCalendarDate(const char* p) {
        uint64_t w;
        std::memcpy(&w, p, 8);                                 // "CCYY-MM-", little-endian: byte i at bits 8i..8i+7
        constexpr uint64_t kDigits = 0x00FFFF00FFFFFFFFULL;    // bytes 0-3, 5 and 6
        constexpr uint64_t kDashMask = 0xFF0000FF00000000ULL;  // bytes 4 and 7
        constexpr uint64_t kDashes = 0x2D00002D00000000ULL;
        const auto d8 = static_cast<unsigned>(static_cast<unsigned char>(p[8])) - '0';
        const auto d9 = static_cast<unsigned>(static_cast<unsigned char>(p[9])) - '0';
        // A digit is 0x30-0x39: high nibble 3, and a low nibble that does not carry when 6 is added.
        const bool digits =
            (w & 0xF0F0F0F0F0F0F0F0ULL & kDigits) == (0x3030303030303030ULL & kDigits) &&
            (((w & 0x0F0F0F0F0F0F0F0FULL & kDigits) + (0x0606060606060606ULL & kDigits)) & 0xF0F0F0F0F0F0F0F0ULL) == 0;
        if (!digits || (w & kDashMask) != kDashes || d8 > 9 || d9 > 9) return 0;
        auto b = [w](int i) { return static_cast<int>((w >> (8 * i)) & 0x0F); };
        return PackIfValid(b(0) * 1000 + b(1) * 100 + b(2) * 10 + b(3), b(5) * 10 + b(6),
                           static_cast<int>(d8 * 10 + d9));
    }
    static uint32_t ParseTimestamp(std::string_view text);
    // The packed date, or 0 when there is no such day.
    static uint32_t PackIfValid(int year, int month, int day);
    uint32_t packed_;
};

inline bool IsLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}
inline int DaysInMonth(int year, int month) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}
inline uint32_t Date::PackIfValid(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || (day > 28 && day > DaysInMonth(year, month))) {
        return 0;
    }
    return Pack(year, month, day);
}
inline std::optional<Date> Date::FromYmd(int year, int month, int day) {
    const uint32_t packed = PackIfValid(year, month, day);
    if (packed == 0) return std::nullopt;
    return Date(packed);
}

}  // namespace did::core
