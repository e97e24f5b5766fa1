#include "ingest/byte_source.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string>

#include <fmt/format.h>

namespace did::ingest {
namespace {

constexpr std::string_view kStandardInput = "standard input";

int64_t ModifiedNs(const struct stat& info) {
    return static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
}

// What cannot be read as a submission, known from the file's type alone. A character device
// is judged once opened: a terminal is read, anything else is refused.
std::optional<core::Error> Refusal(const std::string& path, mode_t mode) {
    if (S_ISDIR(mode)) return core::Error::InvalidArgument("cannot read " + path + ": it is a directory, not a file");
    if (S_ISSOCK(mode)) return core::Error::InvalidArgument("cannot read " + path + ": it is a socket, not a file");
    if (S_ISBLK(mode) || S_ISCHR(mode)) {
        return core::Error::InvalidArgument("cannot read " + path +
                                            ": it is a device, not a file (a device such as /dev/zero may never end)" +
                                            (path == kStandardInput ? "" : "; give a file, a named pipe or -"));
    }
    return std::nullopt;
}

std::string Seconds(std::chrono::milliseconds wait) {
    return fmt::format("{:g} s", static_cast<double>(wait.count()) / 1000);
}

// Waits until the pipe has bytes to read, or its writer has gone (the read then says which),
// for at most `wait`.
core::Status WaitForPipe(int fd, const std::string& path, std::chrono::milliseconds wait, bool started) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (true) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        pollfd ready{fd, POLLIN, 0};
        const int n = ::poll(&ready, 1, static_cast<int>(std::max<int64_t>(left.count(), 0)));
        if (n > 0) return {};
        if (n == 0) {
            return core::Fail(core::Error::IoError(
                started ? "the program writing to the pipe " + path + " has sent nothing for " + Seconds(wait) +
                              "; stopped waiting"
                        : "no program is writing to the pipe " + path + "; waited " + Seconds(wait)));
        }
        if (errno != EINTR) {
            return core::Fail(core::Error::IoError("cannot wait for the pipe " + path + ": " + std::strerror(errno)));
        }
    }
}

// A regular file's size and modification time against those it had when first opened.
core::Status CheckFileUnchanged(int fd, uint64_t size_at_open, int64_t modified_ns_at_open, const std::string& path) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        return core::Fail(core::Error::IoError("cannot check " + path + " after reading it: " + std::strerror(errno)));
    }
    const auto size = static_cast<uint64_t>(info.st_size);
    if (size == size_at_open && ModifiedNs(info) == modified_ns_at_open) return {};
    const std::string what =
        size == size_at_open ? "it was modified"
                             : "it was " + std::to_string(size_at_open) + " bytes and is now " + std::to_string(size);
    return core::Fail(core::Error::IoError(path + " changed while it was being read (" + what +
                                           "); check it again once whatever is writing it has finished"));
}

// A regular file read again from its first byte, through a duplicate of the descriptor it was
// opened with, at an offset of its own (pread): the same file, whatever its path now names.
class FileReadAgain final : public ByteSource {
  public:
    FileReadAgain(int fd, uint64_t size, int64_t modified_ns, std::string path)
        : fd_(fd), size_(size), modified_ns_(modified_ns), path_(std::move(path)) {}
    ~FileReadAgain() override { ::close(fd_); }
    FileReadAgain(const FileReadAgain&) = delete;
    FileReadAgain& operator=(const FileReadAgain&) = delete;

    core::Result<size_t> Read(char* into, size_t size) override {
        while (true) {
            const ssize_t n = ::pread(fd_, into, size, static_cast<off_t>(offset_));
            if (n >= 0) {
                offset_ += static_cast<uint64_t>(n);
                return static_cast<size_t>(n);
            }
            if (errno != EINTR) {
                return core::Fail(core::Error::IoError("cannot read " + path_ + ": " + std::strerror(errno)));
            }
        }
    }
    std::optional<uint64_t> SizeHint() const override { return size_; }
    std::optional<int> MappableFd() const override {
        if (offset_ != 0 || size_ == 0) return std::nullopt;
        return fd_;
    }
    core::Status CheckUnchanged() const override { return CheckFileUnchanged(fd_, size_, modified_ns_, path_); }
    std::unique_ptr<ByteSource> ReadAgain() const override {
        const int fd = ::fcntl(fd_, F_DUPFD_CLOEXEC, 0);
        if (fd < 0) return nullptr;
        return std::make_unique<FileReadAgain>(fd, size_, modified_ns_, path_);
    }

  private:
    int fd_;
    uint64_t size_;
    int64_t modified_ns_;
    std::string path_;
    uint64_t offset_ = 0;
};

}  // namespace

core::Result<std::unique_ptr<FileSource>> FileSource::Open(const std::string& path,
                                                           std::chrono::milliseconds pipe_wait) {
    if (path == "-") {
        // Read as it comes, however slowly: whoever runs the command chose what feeds it. But
        // not from an endless device (`< /dev/zero`).
        struct stat info {};
        if (::fstat(STDIN_FILENO, &info) == 0 && S_ISCHR(info.st_mode) && !::isatty(STDIN_FILENO)) {
            return core::Fail(*Refusal(std::string(kStandardInput), info.st_mode));
        }
        return std::unique_ptr<FileSource>(new FileSource(STDIN_FILENO, false, std::nullopt, 0, "stdin"));
    }
    // What can be refused is refused before opening: opening a device can itself do things.
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return core::Fail(core::Error::IoError("cannot open " + path + ": " + std::strerror(errno)));
    }
    if (!S_ISCHR(info.st_mode)) {
        if (auto refused = Refusal(path, info.st_mode)) return core::Fail(*refused);
    }
    // Non-blocking, or opening a named pipe would wait, without end, for a writer.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return core::Fail(core::Error::IoError("cannot open " + path + ": " + std::strerror(errno)));
    auto fail = [&](core::Error error) {
        ::close(fd);
        return core::Fail(std::move(error));
    };
    if (::fstat(fd, &info) != 0) {
        return fail(core::Error::IoError("cannot read " + path + ": " + std::strerror(errno)));
    }
    // Judged again on what was opened, which may not be what was looked at a moment before.
    if (!(S_ISCHR(info.st_mode) && ::isatty(fd))) {
        if (auto refused = Refusal(path, info.st_mode)) return fail(*refused);
    }
    const bool pipe = S_ISFIFO(info.st_mode);
    if (pipe) {
        if (auto waited = WaitForPipe(fd, path, pipe_wait, false); !waited) return fail(waited.error());
    } else if (::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
        return fail(core::Error::IoError("cannot read " + path + ": " + std::strerror(errno)));
    }
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    std::optional<uint64_t> size;
    if (S_ISREG(info.st_mode)) size = static_cast<uint64_t>(info.st_size);
    auto source = std::unique_ptr<FileSource>(new FileSource(fd, true, size, ModifiedNs(info), path));
    source->pipe_ = pipe;
    source->pipe_wait_ = pipe_wait;
    return source;
}

core::Status FileSource::CheckUnchanged() const {
    if (!size_) return {};  // a pipe or a terminal: what was read is all there is
    return CheckFileUnchanged(fd_, *size_, modified_ns_, path_);
}

std::unique_ptr<ByteSource> FileSource::ReadAgain() const {
    if (!owned_ || !size_) return nullptr;  // standard input, a pipe, a terminal: read once only
    const int fd = ::fcntl(fd_, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) return nullptr;
    return std::make_unique<FileReadAgain>(fd, *size_, modified_ns_, path_);
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
        if (n >= 0) return static_cast<size_t>(n);  // 0 from a pipe: its writer has closed it
        if (errno == EINTR) continue;
        if (pipe_ && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (auto waited = WaitForPipe(fd_, path_, pipe_wait_, true); !waited) return core::Fail(waited.error());
            continue;
        }
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
