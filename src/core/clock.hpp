// The current time as the records keep it: ISO 8601 in UTC, to the second.
#pragma once

#include <string>

namespace did::core {

std::string UtcTimestamp();

}  // namespace did::core
