#include "report/accepted_csv_writer.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/field.hpp"
#include "core/text_escape.hpp"

namespace did::report {

core::Result<std::unique_ptr<AcceptedCsvWriter>> AcceptedCsvWriter::Create(const std::string& path) {
    const std::string temp = path + ".partial";
    std::FILE* file = std::fopen(temp.c_str(), "wb");
    if (file == nullptr) return core::Fail(core::Error::IoError("cannot create " + temp + ": " + std::strerror(errno)));
    auto writer = std::unique_ptr<AcceptedCsvWriter>(new AcceptedCsvWriter(path, temp, file));
    std::string& b = writer->out_->buffer();
    for (size_t i = 0; i < core::kFieldCount; ++i) {
        if (i > 0) b += ',';
        b += core::FieldName(core::kAllFields[i]);
    }
    b += '\n';
    return writer;
}

AcceptedCsvWriter::AcceptedCsvWriter(std::string path, std::string temp, std::FILE* file)
    : path_(std::move(path)), temp_(std::move(temp)), file_(file), out_(std::make_unique<OutputStream>(file)) {}

AcceptedCsvWriter::~AcceptedCsvWriter() {
    if (file_ != nullptr) {
        out_.reset();
        std::fclose(file_);
        ::unlink(temp_.c_str());
    }
}

core::Status AcceptedCsvWriter::Consume(validate::AcceptedBatch& batch) {
    std::string& b = out_->buffer();
    for (const validate::AcceptedRecord& record : batch.records()) {
        if (record.dropped) continue;
        for (size_t i = 0; i < core::kFieldCount; ++i) {
            if (i > 0) b += ',';
            core::AppendCsvField(b, batch.Get(record, core::kAllFields[i]));
        }
        b += '\n';
        ++written_;
        out_->MaybeFlush();
    }
    return {};
}

core::Status AcceptedCsvWriter::Finish(bool keep) {
    auto flushed = out_->Flush();
    out_.reset();
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!keep || !flushed || !closed) {
        ::unlink(temp_.c_str());
        if (!flushed) return flushed;
        if (!closed) return core::Fail(core::Error::IoError("cannot write " + temp_));
        return {};
    }
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
        return core::Fail(
            core::Error::IoError("cannot rename " + temp_ + " to " + path_ + ": " + std::strerror(errno)));
    }
    return {};
}

}  // namespace did::report
