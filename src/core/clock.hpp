// The current time as the records keep it: ISO 8601 in UTC, to the second.
#pragma once

#include <string>

namespace did::core {

std::string UtcTimestamp();

// The day, in the machine's local time zone (England's on the collection's servers), of a
// timestamp UtcTimestamp() wrote, as YYYY-MM-DD; empty if `timestamp` is not one.
std::string LocalDayOf(const std::string& timestamp);

}  // namespace did::core
