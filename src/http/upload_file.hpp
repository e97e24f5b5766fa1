// UploadFile: an upload's body written to a private file in the spool directory as it
// arrives, so that no upload is ever held whole in memory. The file has no name where the file
// system allows (O_TMPFILE) and is gone when this is destroyed, or the process ends however it
// ends: an abandoned upload leaves nothing behind. One owner.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"

namespace did::http {

class UploadFile {
  public:
    static core::Result<std::unique_ptr<UploadFile>> Create(const std::string& directory);
    ~UploadFile();
    UploadFile(const UploadFile&) = delete;
    UploadFile& operator=(const UploadFile&) = delete;

    core::Status Append(const char* data, size_t size);
    // Opens the file (again) for reading, for as long as this lives.
    const std::string& path() const { return path_; }
    uint64_t size() const { return size_; }

  private:
    UploadFile(int fd, std::string path, bool named) : fd_(fd), path_(std::move(path)), named_(named) {}
    int fd_;
    std::string path_;
    bool named_;
    uint64_t size_ = 0;
};

}  // namespace did::http
