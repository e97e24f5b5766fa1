#include "validate/finding_spool.hpp"

#include <cstring>
#include <string>

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

bool ReadExactly(std::FILE* file, void* into, size_t size) {
    return std::fread(into, 1, size, file) == size;
}

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
    if (std::fseek(file_, 0, SEEK_END) != 0 || std::fwrite(buffer.data(), 1, buffer.size(), file_) != buffer.size()) {
        return core::Fail(core::Error::IoError("cannot write findings to the temporary file (disk full?)"));
    }
    spilled_ += memory_.size();
    memory_.clear();
    return {};
}

core::Status FindingSpool::ForEach(const std::function<bool(const Finding&)>& visit) const {
    if (file_ != nullptr && spilled_ > 0) {
        std::fflush(file_);
        std::rewind(file_);
        Finding f;
        for (uint64_t i = 0; i < spilled_; ++i) {
            uint8_t rule = 0;
            uint8_t severity = 0;
            uint32_t value_size = 0;
            uint32_t message_size = 0;
            bool ok = ReadExactly(file_, &f.line, sizeof f.line) && ReadExactly(file_, &rule, 1) &&
                      ReadExactly(file_, &severity, 1) && ReadExactly(file_, &value_size, sizeof value_size) &&
                      ReadExactly(file_, &message_size, sizeof message_size);
            if (ok) {
                f.rule = static_cast<RuleId>(rule);
                f.severity = static_cast<Severity>(severity);
                f.value.resize(value_size);
                f.message.resize(message_size);
                ok = ReadExactly(file_, f.value.data(), value_size) &&
                     ReadExactly(file_, f.message.data(), message_size);
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
