// The request log: one line per request on standard error, with the route's pattern (never
// the path or query, which may carry values), the status, the time taken and who asked (an
// id, never a name). Nothing a patient could be recognised by. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace did::http {

void LogRequest(const std::string& method, const std::string& route, int status, int64_t milliseconds,
                const std::string& who);

// A line about the server itself (started, stopping), in the same form.
void LogServer(const std::string& message);

}  // namespace did::http
