#include "http/request_log.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "core/clock.hpp"

namespace did::http {

void LogRequest(const std::string& method, const std::string& route, int status, int64_t milliseconds,
                const std::string& who) {
    // One write per line, so lines from several threads never interleave.
    const std::string line = fmt::format("{} {} {} {} {}ms who={}\n", core::UtcTimestamp(), method,
                                         route.empty() ? "-" : route, status, milliseconds, who.empty() ? "-" : who);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

void LogServer(const std::string& message) {
    const std::string line = fmt::format("{} did serve: {}\n", core::UtcTimestamp(), message);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace did::http
