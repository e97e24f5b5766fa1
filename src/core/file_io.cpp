#include "core/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace did::core {
namespace {

std::string Why() {
    return std::strerror(errno);
}

}  // namespace

Result<std::string> ReadFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Fail(Error::IoError("cannot open " + path + ": " + Why()));
    std::string content;
    char buffer[1 << 16];
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const std::string why = Why();
            ::close(fd);
            return Fail(Error::IoError("cannot read " + path + ": " + why));
        }
        if (n == 0) break;
        content.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    return content;
}

Status WriteFileAtomically(const std::string& path, std::string_view content) {
    const std::string temp = path + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Fail(Error::IoError("cannot create " + temp + ": " + Why()));
    size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const std::string why = Why();
            ::close(fd);
            ::unlink(temp.c_str());
            return Fail(Error::IoError("cannot write " + temp + ": " + why));
        }
        written += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        ::unlink(temp.c_str());
        return Fail(Error::IoError("cannot flush " + temp + ": " + Why()));
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string why = Why();
        ::unlink(temp.c_str());
        return Fail(Error::IoError("cannot replace " + path + ": " + why));
    }
    // Make the rename itself durable.
    const std::string dir = std::filesystem::path(path).parent_path().string();
    const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
    return {};
}

bool FileExists(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0;
}

Status MakeDirectories(const std::string& path) {
    std::error_code error;
    std::filesystem::create_directories(path, error);
    if (error) return Fail(Error::IoError("cannot create directory " + path + ": " + error.message()));
    return {};
}

}  // namespace did::core
