// FindingSpool: an append-only list of findings that can grow past memory. The first
// findings stay in memory; beyond that they spill to an anonymous temporary file that
// vanishes when the spool does. Read back in the order written. Appended to from one thread;
// once appending is over, any number of threads may read it at once.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "validate/finding.hpp"

namespace did::validate {

class FindingSpool {
  public:
    explicit FindingSpool(size_t memory_limit = 65536) : memory_limit_(memory_limit) {}
    ~FindingSpool();
    FindingSpool(FindingSpool&& other) noexcept;
    FindingSpool& operator=(FindingSpool&& other) noexcept;
    FindingSpool(const FindingSpool&) = delete;
    FindingSpool& operator=(const FindingSpool&) = delete;

    core::Status Append(Finding finding);
    uint64_t size() const { return size_; }
    void Clear();

    // Calls `visit` on every finding in order; stops early when it returns false. Safe to call
    // from several threads at once (each reads the spill file at its own position).
    core::Status ForEach(const std::function<bool(const Finding&)>& visit) const;

  private:
    core::Status Spill();

    size_t memory_limit_;
    std::vector<Finding> memory_;
    std::FILE* file_ = nullptr;
    uint64_t spilled_ = 0;
    uint64_t size_ = 0;
    std::shared_ptr<const FindingPlace> last_spilled_place_;  // of the last finding in the file
};

}  // namespace did::validate
