#include "core/clock.hpp"

#include <ctime>

namespace did::core {

std::string UtcTimestamp() {
    return UtcTimestampOf(static_cast<int64_t>(std::time(nullptr)));
}

std::string UtcTimestampOf(int64_t unix_seconds) {
    const auto at = static_cast<std::time_t>(unix_seconds);
    std::tm utc{};
    gmtime_r(&at, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

std::string LocalDayOf(const std::string& timestamp) {
    std::tm utc{};
    const char* end = strptime(timestamp.c_str(), "%Y-%m-%dT%H:%M:%SZ", &utc);
    if (end == nullptr || *end != '\0') return "";
    const std::time_t at = timegm(&utc);
    std::tm local{};
    localtime_r(&at, &local);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &local);
    return buffer;
}

}  // namespace did::core
