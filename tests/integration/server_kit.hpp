// What the server's robustness tests share: raw HTTP over loopback (bytes as a hostile or
// broken client sends them, a reply read until the server closes or a timeout passes), a
// collection a real `did serve` can take submissions for (the reference data, RXX and RYJ
// expected, the month open today), files for it, and API tokens made through the pages.
#pragma once

#include <chrono>
#include <string>

#include "integration/portal_server.hpp"
#include "integration/process.hpp"

namespace did::testing {

// Sends every byte it can; false when the server closed or reset the connection first.
bool SendBytes(int fd, const std::string& bytes);
// Reads until the server closes the connection or `timeout` passes with nothing new.
struct RawReply {
    int status = 0;       // of the first response line; 0 when none came
    std::string text;     // everything read
    bool closed = false;  // the server closed (or reset) the connection
};
RawReply ReadReply(int fd, std::chrono::milliseconds timeout);
// One exchange on a fresh connection: `bytes` sent, the reply read, the socket closed.
RawReply RawExchange(int port, const std::string& bytes,
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(20000));

// The month whose submission window is open today (the one before this month, UTC), YYYY-MM,
// and today, YYYY-MM-DD.
std::string OpenPeriod();
std::string Today();

// A collection in `database_url`: the sample ODS and postcode directories, RXX and RYJ
// expected to submit. `dir` holds the samples.
void SetUpCollection(const std::string& dir, const std::string& database_url);
// `did generate` for `provider` and OpenPeriod(): `rows` records, as dir/name; returns the path.
std::string GenerateSubmission(const std::string& dir, const std::string& name, int rows, int seed,
                               const std::string& provider = "RXX");
// `did ARGS --db URL` with its standard output and error.
ProcessResult DidOn(const std::string& database_url, const std::string& args);
// How many submissions `did submissions --period` lists for the month (any status).
int CountSubmissions(const std::string& database_url, const std::string& period);

// An API token of `organisation`, made through its API tokens page by a signed-in client.
std::string MakeApiToken(HttpClient& client, const std::string& organisation);
// The CSRF token a signed-in client's pages carry ("" when signed out).
std::string SessionCsrf(HttpClient& client, const std::string& organisation);

// Process CPU time (user + system) of `pid`, in seconds.
double CpuSeconds(int pid);

}  // namespace did::testing
