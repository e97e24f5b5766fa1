// ProgressBar: a one-line bar on standard error for long runs: shown only when stderr is
// a terminal and the run has already taken a second, so short runs and logs stay clean.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace did::cli {

class ProgressBar {
  public:
    explicit ProgressBar(std::optional<uint64_t> total_bytes);
    ~ProgressBar() { Clear(); }
    void Update(uint64_t bytes_done);
    void Clear();

  private:
    std::optional<uint64_t> total_;
    std::chrono::steady_clock::time_point start_;
    bool enabled_;
    bool drawn_ = false;
};

}  // namespace did::cli
