#include "validate/finding_spool.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace did::validate {
namespace {

// Record layout: line (8), rule (1), severity (1), value size (4), message size (4), value,
// message, place tag (1), then for kNewPlace: site size (4), accession size (4), site,
// accession. A record's findings are consecutive and share its place, which is written once.
enum PlaceTag : uint8_t { kNoPlace, kSamePlace, kNewPlace };

void PutSize(std::string& out, size_t size) {
    const auto value = static_cast<uint32_t>(size);
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void Put(std::string& out, const Finding& f, const FindingPlace*& previous) {
    out.append(reinterpret_cast<const char*>(&f.line), sizeof f.line);
    out += static_cast<char>(f.rule);
    out += static_cast<char>(f.severity);
    PutSize(out, f.value.size());
    PutSize(out, f.message.size());
    out += f.value;
    out += f.message;
    const FindingPlace* place = f.place.get();
    if (place == nullptr) {
        out += static_cast<char>(kNoPlace);
    } else if (previous != nullptr &&
               (place == previous || (place->site_code() == previous->site_code() &&
                                      place->accession_number() == previous->accession_number()))) {
        out += static_cast<char>(kSamePlace);
    } else {
        out += static_cast<char>(kNewPlace);
        PutSize(out, place->site_code().size());
        PutSize(out, place->accession_number().size());
        out += place->site_code();
        out += place->accession_number();
    }
    previous = place;
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
      size_(other.size_),
      last_spilled_place_(std::move(other.last_spilled_place_)) {
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
        last_spilled_place_ = std::move(other.last_spilled_place_);
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
    last_spilled_place_.reset();
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
    const FindingPlace* previous = last_spilled_place_.get();
    for (const Finding& f : memory_) Put(buffer, f, previous);
    // Flushed at once, so that readers can go straight to the descriptor.
    if (std::fseek(file_, 0, SEEK_END) != 0 || std::fwrite(buffer.data(), 1, buffer.size(), file_) != buffer.size() ||
        std::fflush(file_) != 0) {
        return core::Fail(core::Error::IoError("cannot write findings to the temporary file (disk full?)"));
    }
    spilled_ += memory_.size();
    last_spilled_place_ = memory_.back().place;  // what the next spill's first finding may share
    memory_.clear();
    return {};
}

core::Status FindingSpool::ForEach(const std::function<bool(const Finding&)>& visit) const {
    if (file_ != nullptr && spilled_ > 0) {
        SpillReader reader(::fileno(file_));
        Finding f;
        std::string place_bytes;
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
            uint8_t tag = kNoPlace;
            ok = ok && reader.Read(&tag, 1) && tag <= kNewPlace;
            if (ok && tag == kNoPlace) f.place.reset();
            if (ok && tag == kNewPlace) {
                uint32_t site_size = 0;
                uint32_t accession_size = 0;
                ok = reader.Read(&site_size, sizeof site_size) && reader.Read(&accession_size, sizeof accession_size);
                if (ok) {
                    place_bytes.resize(size_t{site_size} + accession_size);
                    ok = reader.Read(place_bytes.data(), place_bytes.size());
                }
                if (ok) {
                    const std::string_view bytes = place_bytes;
                    f.place = std::make_shared<const FindingPlace>(bytes.substr(0, site_size), bytes.substr(site_size));
                }
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
