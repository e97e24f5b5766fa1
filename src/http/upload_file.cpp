#include "http/upload_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace did::http {

core::Result<std::unique_ptr<UploadFile>> UploadFile::Create(const std::string& directory) {
    // A file with no name: whatever ends the process (kill -9 included), nothing is left in
    // the spool directory. It is read back through /proc/self/fd, a path like any other.
    const int fd = ::open(directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) return std::unique_ptr<UploadFile>(new UploadFile(fd, "/proc/self/fd/" + std::to_string(fd), false));
    // File systems without O_TMPFILE: a named file, private to this user, removed when done.
    std::string pattern = directory + "/did-upload-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int named = ::mkostemp(name.data(), O_CLOEXEC);
    if (named < 0) {
        return core::Fail(
            core::Error::IoError("cannot create an upload file in " + directory + ": " + std::strerror(errno)));
    }
    return std::unique_ptr<UploadFile>(new UploadFile(named, std::string(name.data()), true));
}

UploadFile::~UploadFile() {
    if (fd_ >= 0) ::close(fd_);
    if (named_) ::unlink(path_.c_str());
}

core::Status UploadFile::Append(const char* data, size_t size) {
    while (size > 0) {
        const ssize_t written = ::write(fd_, data, size);
        if (written < 0) {
            if (errno == EINTR) continue;
            return core::Fail(core::Error::IoError(std::string("cannot write the upload: ") + std::strerror(errno)));
        }
        data += written;
        size -= static_cast<size_t>(written);
        size_ += static_cast<uint64_t>(written);
    }
    return {};
}

}  // namespace did::http
