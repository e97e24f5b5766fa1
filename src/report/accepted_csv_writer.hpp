// AcceptedCsvWriter: writes the accepted records, normalised, as a DID CSV file with a
// header row: the file is itself a valid submission. Written to a temporary name and
// renamed into place only when the whole file was accepted. Single-threaded.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "report/output_stream.hpp"
#include "validate/accepted_sink.hpp"

namespace did::report {

class AcceptedCsvWriter final : public validate::AcceptedSink {
  public:
    static core::Result<std::unique_ptr<AcceptedCsvWriter>> Create(const std::string& path);
    ~AcceptedCsvWriter() override;

    core::Status Consume(validate::AcceptedBatch& batch) override;
    core::Status Finish(bool keep) override;
    uint64_t written() const { return written_; }

  private:
    AcceptedCsvWriter(std::string path, std::string temp, std::FILE* file);

    std::string path_;
    std::string temp_;
    std::FILE* file_;
    std::unique_ptr<OutputStream> out_;
    uint64_t written_ = 0;
};

}  // namespace did::report
