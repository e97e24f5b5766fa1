// The current time as the records keep it: ISO 8601 in UTC, to the second.
#pragma once

#include <cstdint>
#include <string>

namespace did::core {

std::string UtcTimestamp();
// The same form for a time given in seconds since 1970 (the portal's session clock).
std::string UtcTimestampOf(int64_t unix_seconds);

// The day, in the machine's local time zone (England's on the collection's servers), of a
// timestamp UtcTimestamp() wrote, as YYYY-MM-DD; empty if `timestamp` is not one.
std::string LocalDayOf(const std::string& timestamp);

}  // namespace did::core
