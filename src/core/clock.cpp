#include "core/clock.hpp"

#include <ctime>

namespace did::core {

std::string UtcTimestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
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
