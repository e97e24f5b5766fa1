// FindingsFile: the findings CSV (findings_csv.hpp) saved to a path. Written under a temporary
// name and renamed into place when complete, so a reader never sees half of it. Created before
// anything is written, so that a command whose path cannot be created fails before it prints
// its report; Write may then run on another thread while the report goes to standard output.
#pragma once

#include <cstdio>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "validate/rule_catalogue.hpp"
#include "validate/validation_report.hpp"

namespace did::report {

class FindingsFile {
  public:
    static core::Result<FindingsFile> Create(const std::string& path);
    FindingsFile(FindingsFile&& other) noexcept;
    FindingsFile(const FindingsFile&) = delete;
    FindingsFile& operator=(const FindingsFile&) = delete;
    FindingsFile& operator=(FindingsFile&&) = delete;
    ~FindingsFile();  // an unwritten file is removed

    // Writes every finding and puts the file in place. Call once.
    core::Status Write(const validate::ValidationReport& report, const validate::RuleCatalogue& rules);

  private:
    FindingsFile(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
    static std::string TemporaryOf(const std::string& path) { return path + ".partial"; }
    std::string Temporary() const { return TemporaryOf(path_); }

    std::string path_;
    std::FILE* file_;
};

}  // namespace did::report
