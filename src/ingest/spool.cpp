#include "ingest/spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/sha256.hpp"

namespace did::ingest {
namespace {

// Reads a spool file from the start, with its own offset (pread), so several readers may share it.
class SpoolReader final : public ByteSource {
  public:
    SpoolReader(int fd, uint64_t size) : fd_(fd), size_(size) {}

    core::Result<size_t> Read(char* into, size_t size) override {
        while (true) {
            const ssize_t n = ::pread(fd_, into, size, static_cast<off_t>(offset_));
            if (n >= 0) {
                offset_ += static_cast<uint64_t>(n);
                return static_cast<size_t>(n);
            }
            if (errno != EINTR)
                return core::Fail(core::Error::IoError(std::string("cannot read the spool: ") + std::strerror(errno)));
        }
    }
    std::optional<uint64_t> SizeHint() const override { return size_; }
    std::unique_ptr<ByteSource> ReadAgain() const override { return std::make_unique<SpoolReader>(fd_, size_); }

  private:
    int fd_;
    uint64_t size_;
    uint64_t offset_ = 0;
};

int OpenTemporary(const std::string& directory) {
#ifdef O_TMPFILE
    const int unnamed = ::open(directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (unnamed >= 0) return unnamed;
#endif
    std::string path = directory + "/did-spool-XXXXXX";
    std::vector<char> name(path.begin(), path.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd >= 0) ::unlink(name.data());
    return fd;
}

}  // namespace

core::Result<std::unique_ptr<Spool>> Spool::Create(ByteSource& source, const std::string& directory,
                                                   uint64_t max_bytes) {
    const int fd = OpenTemporary(directory);
    if (fd < 0) {
        return core::Fail(
            core::Error::IoError("cannot create a spool file in " + directory + ": " + std::strerror(errno)));
    }
    core::Sha256 hasher;
    std::vector<char> buffer(size_t{1} << 20);
    uint64_t total = 0;
    while (true) {
        auto n = source.Read(buffer.data(), buffer.size());
        if (!n) {
            ::close(fd);
            return core::Fail(n.error());
        }
        if (*n == 0) break;
        total += *n;
        if (total > max_bytes) {
            ::close(fd);
            return core::Fail(core::Error::InvalidArgument("the file is larger than the " +
                                                           std::to_string(max_bytes >> 20) + " MiB allowed"));
        }
        hasher.Update(std::string_view(buffer.data(), *n));
        size_t written = 0;
        while (written < *n) {
            const ssize_t w = ::write(fd, buffer.data() + written, *n - written);
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) {
                const std::string why = std::strerror(errno);
                ::close(fd);
                return core::Fail(core::Error::IoError("cannot write the spool file: " + why));
            }
            written += static_cast<size_t>(w);
        }
    }
    return std::unique_ptr<Spool>(new Spool(fd, hasher.HexDigest(), total));
}

Spool::~Spool() {
    ::close(fd_);
}

std::unique_ptr<ByteSource> Spool::Open() const {
    return std::make_unique<SpoolReader>(fd_, size_);
}

}  // namespace did::ingest
