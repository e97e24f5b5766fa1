// OutputStream: buffered writing to a FILE* (standard output or a file the caller opened),
// so renderers can append small pieces without a system call each. Reports the first
// write error once, at Flush. Single-threaded.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace did::report {

class OutputStream {
  public:
    explicit OutputStream(std::FILE* file) : file_(file) { buffer_.reserve(kFlushAt + 4096); }
    ~OutputStream() { (void)Flush(); }
    OutputStream(const OutputStream&) = delete;
    OutputStream& operator=(const OutputStream&) = delete;

    std::string& buffer() { return buffer_; }
    void Write(std::string_view text) {
        buffer_.append(text);
        MaybeFlush();
    }
    // Call after appending to buffer() directly.
    void MaybeFlush() {
        if (buffer_.size() >= kFlushAt) (void)Flush();
    }
    core::Status Flush();

  private:
    static constexpr size_t kFlushAt = size_t{1} << 20;
    std::FILE* file_;
    std::string buffer_;
    bool failed_ = false;
};

}  // namespace did::report
