#include "report/output_stream.hpp"

namespace did::report {

core::Status OutputStream::Flush() {
    if (!buffer_.empty() && !failed_) {
        failed_ = std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size();
    }
    buffer_.clear();
    if (!failed_) failed_ = std::fflush(file_) != 0;
    if (failed_) return core::Fail(core::Error::IoError("cannot write the report (disk full or pipe closed?)"));
    return {};
}

}  // namespace did::report
