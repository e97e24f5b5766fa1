#include "validate/finding_spool.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace did::validate {
namespace {

// Record layout: line (8), rule (1), severity (1), value size (4), message size (4), value, message.
void Put(std::string& out, const Finding& f) {
    const auto value_size = static_cast<uint32_t>(f.value.size());
    const auto message_size = static_cast<uint32_t>(f.message.size());
    out.append(reinterpret_cast<const char*>(&f.line), sizeof f.line);
    out += static_cast<char>(f.rule);
    out += static_cast<char>(f.severity);
    out.append(reinterpret_cast<const char*>(&value_size), sizeof value_size);
    out.append(reinterpret_cast<const char*>(&message_size), sizeof message_size);
    out += f.value;
    out += f.message;
}

// Reads the spill file forward from its start through a buffer of its own, with pread: each
// reader keeps its own position, so several may read the same spool at once (the JSON report
// and the findings file are written side by side).
class SpillReader {
  public:
    explicit SpillReader(int fd) : fd_(fd), buffer_(size_t{1} << 16) {}

    bool Read(void* into, size_t size) {
        auto* out = static_cast<char*>(into);
        while (size > 0) {
            if (at_ == end_ && !Refill()) return false;
            const size_t n = std::min(size, end_ - at_);
            std::memcpy(out, buffer_.data() + at_, n);
            at_ += n;
            out += n;
            size -= n;
        }
        return true;
    }

  private:
    bool Refill() {
        while (true) {
            const ssize_t n = ::pread(fd_, buffer_.data(), buffer_.size(), offset_);
            if (n > 0) {
                offset_ += n;
                at_ = 0;
                end_ = static_cast<size_t>(n);
                return true;
            }
            if (n == 0 || errno != EINTR) return false;
        }
    }

    int fd_;
    std::vector<char> buffer_;
    off_t offset_ = 0;
    size_t at_ = 0;
    size_t end_ = 0;
};

}  // namespace

FindingSpool::~FindingSpool() {
    if (file_ != nullptr) std::fclose(file_);
}

FindingSpool::FindingSpool(FindingSpool&& other) noexcept
    : memory_limit_(other.memory_limit_),
      memory_(std::move(other.memory_)),
      file_(other.file_),
      spilled_(other.spilled_),
      size_(other.size_) {
    other.file_ = nullptr;
    other.Clear();
}

FindingSpool& FindingSpool::operator=(FindingSpool&& other) noexcept {
    if (this != &other) {
        if (file_ != nullptr) std::fclose(file_);
        memory_limit_ = other.memory_limit_;
        memory_ = std::move(other.memory_);
        file_ = other.file_;
        spilled_ = other.spilled_;
        size_ = other.size_;
        other.file_ = nullptr;
        other.Clear();
    }
    return *this;
}

void FindingSpool::Clear() {
    memory_.clear();
    if (file_ != nullptr) std::fclose(file_);
    file_ = nullptr;
    spilled_ = 0;
    size_ = 0;
}

core::Status FindingSpool::Append(Finding finding) {
    memory_.push_back(std::move(finding));
    ++size_;
    if (memory_.size() >= memory_limit_) return Spill();
    return {};
}

core::Status FindingSpool::Spill() {
    if (file_ == nullptr) {
        file_ = std::tmpfile();
        if (file_ == nullptr) return core::Fail(core::Error::IoError("cannot create a temporary file for findings"));
    }
    std::string buffer;
    for (const Finding& f : memory_) Put(buffer, f);
    // Flushed at once, so that readers can go straight to the descriptor.
    if (std::fseek(file_, 0, SEEK_END) != 0 || std::fwrite(buffer.data(), 1, buffer.size(), file_) != buffer.size() ||
        std::fflush(file_) != 0) {
        return core::Fail(core::Error::IoError("cannot write findings to the temporary file (disk full?)"));
    }
    spilled_ += memory_.size();
    memory_.clear();
    return {};
}

core::Status FindingSpool::ForEach(const std::function<bool(const Finding&)>& visit) const {
    if (file_ != nullptr && spilled_ > 0) {
        SpillReader reader(::fileno(file_));
        Finding f;
        for (uint64_t i = 0; i < spilled_; ++i) {
            uint8_t rule = 0;
            uint8_t severity = 0;
            uint32_t value_size = 0;
            uint32_t message_size = 0;
            bool ok = reader.Read(&f.line, sizeof f.line) && reader.Read(&rule, 1) && reader.Read(&severity, 1) &&
                      reader.Read(&value_size, sizeof value_size) && reader.Read(&message_size, sizeof message_size);
            if (ok) {
                f.rule = static_cast<RuleId>(rule);
                f.severity = static_cast<Severity>(severity);
                f.value.resize(value_size);
                f.message.resize(message_size);
                ok = reader.Read(f.value.data(), value_size) && reader.Read(f.message.data(), message_size);
            }
            if (!ok) return core::Fail(core::Error::IoError("cannot read findings back from the temporary file"));
            if (!visit(f)) return {};
        }
    }
    for (const Finding& f : memory_) {
        if (!visit(f)) return {};
    }
    return {};
}

}  // namespace did::validate
