#include "cli/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace did::cli {

ProgressBar::ProgressBar(std::optional<uint64_t> total_bytes)
    : total_(total_bytes), start_(std::chrono::steady_clock::now()), enabled_(::isatty(STDERR_FILENO) == 1) {}

void ProgressBar::Update(uint64_t bytes_done) {
    if (!enabled_) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (elapsed < 1.0) return;
    const double mb = static_cast<double>(bytes_done) / 1e6;
    if (total_ && *total_ > 0) {
        const double share = std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(*total_));
        const int width = 30;
        const int filled = static_cast<int>(share * width);
        std::string bar(static_cast<size_t>(filled), '#');
        bar.append(static_cast<size_t>(width - filled), '.');
        std::fprintf(stderr, "\r  [%s] %3.0f%%  %.0f of %.0f MB  %.0f MB/s ", bar.c_str(), share * 100, mb,
                     static_cast<double>(*total_) / 1e6, mb / elapsed);
    } else {
        std::fprintf(stderr, "\r  %.0f MB read  %.0f MB/s ", mb, mb / elapsed);
    }
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::Clear() {
    if (!drawn_) return;
    std::fprintf(stderr, "\r%80s\r", "");
    std::fflush(stderr);
    drawn_ = false;
}

}  // namespace did::cli
