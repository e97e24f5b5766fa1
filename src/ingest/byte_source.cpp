#include "ingest/byte_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

namespace did::ingest {
namespace {

int64_t ModifiedNs(const struct stat& info) {
    return static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
}

}  // namespace

core::Result<std::unique_ptr<FileSource>> FileSource::Open(const std::string& path) {
    if (path == "-") return std::unique_ptr<FileSource>(new FileSource(STDIN_FILENO, false, std::nullopt, 0, "stdin"));
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return core::Fail(core::Error::IoError("cannot open " + path + ": " + std::strerror(errno)));
    struct stat info {};
    if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
        ::close(fd);
        return core::Fail(core::Error::IoError("cannot read " + path + ": it is a directory or unreadable"));
    }
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    std::optional<uint64_t> size;
    if (S_ISREG(info.st_mode)) size = static_cast<uint64_t>(info.st_size);
    return std::unique_ptr<FileSource>(new FileSource(fd, true, size, ModifiedNs(info), path));
}

core::Status FileSource::CheckUnchanged() const {
    if (!size_) return {};  // a pipe or a terminal: what was read is all there is
    struct stat info {};
    if (::fstat(fd_, &info) != 0) {
        return core::Fail(core::Error::IoError("cannot check " + path_ + " after reading it: " + std::strerror(errno)));
    }
    const auto size = static_cast<uint64_t>(info.st_size);
    if (size == *size_ && ModifiedNs(info) == modified_ns_) return {};
    const std::string what = size == *size_
                                 ? "it was modified"
                                 : "it was " + std::to_string(*size_) + " bytes and is now " + std::to_string(size);
    return core::Fail(core::Error::IoError(path_ + " changed while it was being read (" + what +
                                           "); check it again once whatever is writing it has finished"));
}

FileSource::~FileSource() {
    if (owned_) ::close(fd_);
}

std::optional<int> FileSource::MappableFd() const {
    // Standard input and other descriptors we did not open may be pipes, or shared.
    if (!owned_ || read_from_ || !size_ || *size_ == 0) return std::nullopt;
    return fd_;
}

core::Result<size_t> FileSource::Read(char* into, size_t size) {
    read_from_ = true;
    while (true) {
        const ssize_t n = ::read(fd_, into, size);
        if (n >= 0) return static_cast<size_t>(n);
        if (errno != EINTR)
            return core::Fail(core::Error::IoError("cannot read " + path_ + ": " + std::strerror(errno)));
    }
}

core::Result<size_t> MemorySource::Read(char* into, size_t size) {
    const size_t n = std::min(size, data_.size() - offset_);
    std::memcpy(into, data_.data() + offset_, n);
    offset_ += n;
    return n;
}

}  // namespace did::ingest
