#include "report/findings_file.hpp"

#include <utility>

#include "report/findings_csv.hpp"
#include "report/output_stream.hpp"

namespace did::report {

core::Result<FindingsFile> FindingsFile::Create(const std::string& path) {
    const std::string temporary = TemporaryOf(path);
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (file == nullptr) return core::Fail(core::Error::IoError("cannot create " + temporary));
    return FindingsFile(path, file);
}

FindingsFile::FindingsFile(FindingsFile&& other) noexcept
    : path_(std::move(other.path_)), file_(std::exchange(other.file_, nullptr)) {}

FindingsFile::~FindingsFile() {
    if (file_ == nullptr) return;
    std::fclose(file_);
    std::remove(Temporary().c_str());
}

core::Status FindingsFile::Write(const validate::ValidationReport& report, const validate::RuleCatalogue& rules) {
    core::Status status;
    {
        OutputStream out(file_);
        status = WriteFindingsCsv(report, rules, out);
    }
    const bool closed = std::fclose(std::exchange(file_, nullptr)) == 0;
    if (!status || !closed || std::rename(Temporary().c_str(), path_.c_str()) != 0) {
        std::remove(Temporary().c_str());
        return status ? core::Fail(core::Error::IoError("cannot write " + path_)) : status;
    }
    return {};
}

}  // namespace did::report
