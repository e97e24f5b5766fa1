#include "ingest/pipeline.hpp"

#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "core/control_characters.hpp"
#include "core/csv_tokenizer.hpp"
#include "core/utf8.hpp"
#include "ingest/csv/chunk_parser.hpp"
#include "ingest/csv/file_sniffer.hpp"
#include "ingest/window_reader.hpp"
#include "ingest/worker_pool.hpp"
#include "validate/duplicate_index.hpp"
#include "validate/header.hpp"
#include "validate/report_builder.hpp"

namespace did::ingest {
namespace {

using validate::ChunkResult;
using validate::Finding;
using validate::RuleId;
using validate::Severity;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr size_t kMaxHeaderColumns = 4096;

Finding NotUtf8(uint64_t line) {
    return Finding{line, RuleId::kDidcEncoding, Severity::kFile, "",
                   "the file is not valid UTF-8 from this line on: save it as UTF-8 (not Windows-1252 or Latin-1) and "
                   "send it again"};
}

class CsvPipeline {
    // The chunk results of one window, kept until the next round has marked its repeats.
    struct Batch {
        std::vector<ChunkResult> results;
        std::vector<ChunkResult*> chunks;
        std::vector<uint64_t> line_base;
        bool pending = false;
        bool structure_only = false;
    };

  public:
    CsvPipeline(ByteSource& source, std::unique_ptr<WindowReader> reader, const validate::ValidationContext& context,
                const PipelineOptions& options, validate::AcceptedSink* sink)
        : source_(source),
          options_(options),
          sink_(sink),
          validator_(context),
          builder_(validator_),
          pool_(options.threads),
          duplicates_(pool_.size()),
          reader_(std::move(reader)) {
        for (size_t i = 0; i < pool_.size(); ++i) {
            parsers_.push_back(std::make_unique<CsvChunkParser>(validator_, sink != nullptr));
        }
        for (Batch& batch : batches_) batch.results.resize(pool_.size() * 16);
        // Real extracts run at 150-250 bytes a record: size the DIDS071 index for the file.
        if (const auto size = source.SizeHint()) duplicates_.Reserve(*size / 200);
    }

    core::Result<validate::ValidationReport> Run() {
        bool first = true;
        while (true) {
            auto window = reader_->Fill();
            if (!window) return core::Fail(window.error());
            const std::string_view view = *window;
            eof_ = reader_->at_eof();
            size_t pos = 0;
            if (first) {
                // A file saved as UTF-16 or with Mac line ends gets one finding that says so.
                if (auto unreadable = SniffUnreadableFile(view, eof_)) {
                    unreadable_ = std::move(*unreadable);
                    break;
                }
                if (view.starts_with(kBom)) pos = kBom.size();
                const auto header_end = ReadHeader(view, pos);
                if (!header_end) return core::Fail(header_end.error());
                if (!*header_end) {  // the first record is not complete yet
                    if (auto grown = Grow(); !grown) return core::Fail(grown.error());
                    if (stop_) break;
                    continue;
                }
                first = false;
                pos = **header_end;
                if (unreadable_) break;
            }
            const auto consumed = ProcessWindow(view, pos);
            if (!consumed) return core::Fail(consumed.error());
            if (unreadable_ || stop_) break;
            if (eof_ && *consumed == view.size()) break;
            if (*consumed == pos) {  // not even one record fits: make room
                if (auto grown = Grow(); !grown) return core::Fail(grown.error());
                if (stop_) break;
            }
            if (auto status = reader_->Consume(*consumed); !status) return core::Fail(status.error());
            bytes_done_ += *consumed;
            if (options_.progress) options_.progress(bytes_done_);
        }
        if (!unreadable_) {
            if (auto flushed = FlushPending(); !flushed) return core::Fail(flushed.error());
        }
        // Before the sink may keep anything: a submission must not be made of half a file.
        if (auto unchanged = source_.CheckUnchanged(); !unchanged) return core::Fail(unchanged.error());
        if (sink_ != nullptr) {
            if (auto status = sink_->Finish(!builder_.file_rejected() && !unreadable_); !status) {
                return core::Fail(status.error());
            }
        }
        validate::ValidationReport report = builder_.Finish(std::move(unreadable_));
        report.has_header = has_header_;
        report.bytes = reader_->bytes_read();
        report.duplicate_keys = duplicates_.size();
        return report;
    }

  private:
    // Makes the window larger, or gives up on a record that is longer than any real one.
    core::Status Grow() {
        if (eof_) return {};
        if (reader_->window_bytes() >= options_.max_record_bytes) {
            stop_ = true;
            if (auto flushed = FlushPending(); !flushed) return flushed;  // its errors come first
            return builder_.AddFileError(Finding{
                next_line_, RuleId::kDids075, Severity::kFile, "",
                fmt::format("the record starting on this line is longer than {} MiB (a quote never closed?); the "
                            "file cannot be read past it",
                            options_.max_record_bytes >> 20)});
        }
        return reader_->Grow();
    }

    // Returns the offset after the header (or `pos` when there is none), or nullopt when the
    // first record is not yet complete in the buffer.
    core::Result<std::optional<size_t>> ReadHeader(std::string_view view, size_t pos) {
        std::vector<std::string_view> fields(kMaxHeaderColumns);
        core::CsvRecord record;
        if (pos >= view.size()) return pos;
        if (tokenizer_.Next(view, pos, eof_, fields, record) == core::CsvStatus::kNeedMoreData) return std::nullopt;
        if (const auto bad = core::FindInvalidUtf8(view.substr(pos, record.next - pos))) {
            unreadable_ = NotUtf8(1 + CountLineFeeds(view.substr(pos, *bad)));
            return pos;
        }
        const std::span<const std::string_view> kept(fields.data(), std::min<size_t>(record.columns, fields.size()));
        if (record.empty_line || !record.error.empty() || !validate::LooksLikeHeader(kept)) return pos;
        has_header_ = true;
        if (record.columns != core::kFieldCount) {
            auto status = builder_.AddFileError(Finding{1, RuleId::kDids075, Severity::kFile, "",
                                                        fmt::format("the header row has {} column{}; a DID file has 18",
                                                                    record.columns, record.columns == 1 ? "" : "s")});
            if (!status) return core::Fail(status.error());
        } else if (const auto mismatches = validate::CompareHeader(kept); !mismatches.empty()) {
            std::string message = "the header row does not name the DID columns in order:";
            std::string value;
            for (const auto& m : mismatches) {
                // Visibly, as every finding shows a control character (PostgreSQL cannot store a NUL).
                const std::string found = core::ShowControlCharacters(m.found);
                message += fmt::format(" column {} is '{}', expected {};", m.column, found, m.expected);
                value += (value.empty() ? "" : ", ") + found;
            }
            message.pop_back();
            auto status = builder_.AddFileError(Finding{1, RuleId::kDidcHeader, Severity::kFile, value, message});
            if (!status) return core::Fail(status.error());
        }
        next_line_ += record.line_breaks;
        return record.next;
    }

    // Validates the records in view[pos..]; returns where the unconsumed tail begins.
    core::Result<size_t> ProcessWindow(std::string_view view, size_t pos) {
        const size_t remaining = view.size() - pos;
        const size_t chunks = std::clamp<size_t>(remaining / std::max<size_t>(options_.min_chunk_bytes, 1), 1,
                                                 batches_[0].results.size());
        bounds_.assign(chunks + 1, 0);
        for (size_t i = 0; i <= chunks; ++i) bounds_[i] = pos + remaining * i / chunks;
        // Speculate that each chunk starts at the first line start at or after its bound;
        // checked below, since a quoted field may hold line breaks.
        starts_.assign(chunks, pos);
        for (size_t i = 1; i < chunks; ++i) {
            const void* lf = std::memchr(view.data() + bounds_[i] - 1, '\n', view.size() - bounds_[i] + 1);
            starts_[i] =
                lf == nullptr ? view.size() : static_cast<size_t>(static_cast<const char*>(lf) - view.data()) + 1;
        }
        // One round of the pool does three things at once: task 0 reads the next block, the
        // next tasks mark DIDS071 repeats in the previous window (which needs all of that
        // window's chunks, so it could not run with them), the rest validate this window.
        Batch& batch = batches_[current_];
        Batch& previous = batches_[1 - current_];
        const bool structure_only = builder_.file_rejected();
        const size_t marking = previous.pending && !previous.structure_only ? duplicates_.partitions() : 0;
        core::Status prefetched;
        pool_.Run(1 + marking + chunks, [&](size_t task, size_t worker) {
            if (task == 0) {
                prefetched = reader_->Prefetch();
            } else if (task <= marking) {
                duplicates_.MarkPartition(task - 1, previous.chunks, previous.line_base);
            } else {
                const size_t i = task - 1 - marking;
                parsers_[worker]->Parse(view, starts_[i], bounds_[i + 1], eof_, structure_only, batch.results[i]);
            }
        });
        if (!prefetched) return core::Fail(prefetched.error());
        if (auto merged = MergeBatch(previous); !merged) return core::Fail(merged.error());

        std::vector<ChunkResult>& results = batch.results;
        for (size_t i = 1; i < chunks; ++i) {
            if (results[i].begin != results[i - 1].end) {
                parsers_[0]->Parse(view, results[i - 1].end, bounds_[i + 1], eof_, structure_only, results[i]);
            }
        }
        batch.chunks.clear();
        batch.line_base.clear();
        uint64_t line = next_line_;
        for (size_t i = 0; i < chunks; ++i) {
            ChunkResult& r = results[i];
            if (r.bad_utf8_line) {
                unreadable_ = NotUtf8(line + *r.bad_utf8_line);
                return r.end;
            }
            batch.chunks.push_back(&r);
            batch.line_base.push_back(line);
            line += r.line_breaks;
        }
        batch.pending = true;
        batch.structure_only = structure_only;
        current_ = 1 - current_;
        next_line_ = line;
        return results[chunks - 1].end;
    }

    // Folds a validated window into the report, once its DIDS071 marks are in.
    core::Status MergeBatch(Batch& batch) {
        if (!batch.pending) return {};
        batch.pending = false;
        return builder_.Merge(batch.chunks, batch.line_base, sink_);
    }

    // Marks and merges the last window validated, which no later round will take care of.
    core::Status FlushPending() {
        Batch& last = batches_[1 - current_];
        if (!last.pending) return {};
        if (!last.structure_only) {
            pool_.Run(duplicates_.partitions(), [&](size_t partition, size_t) {
                duplicates_.MarkPartition(partition, last.chunks, last.line_base);
            });
        }
        return MergeBatch(last);
    }

    const ByteSource& source_;
    const PipelineOptions& options_;
    validate::AcceptedSink* sink_;
    validate::RecordValidator validator_;
    validate::ReportBuilder builder_;
    WorkerPool pool_;
    validate::DuplicateIndex duplicates_;
    std::vector<std::unique_ptr<CsvChunkParser>> parsers_;
    Batch batches_[2];
    int current_ = 0;
    std::vector<size_t> bounds_;
    std::vector<size_t> starts_;
    core::CsvTokenizer tokenizer_;
    std::unique_ptr<WindowReader> reader_;
    bool eof_ = false;
    bool stop_ = false;
    bool has_header_ = false;
    uint64_t next_line_ = 1;
    uint64_t bytes_done_ = 0;
    // The one finding for a file that cannot be read at all (not UTF-8, UTF-16, lines ended
    // by CR only): nothing else is checked or reported.
    std::optional<Finding> unreadable_;
};

}  // namespace

core::Result<validate::ValidationReport> ValidateCsv(ByteSource& source, const validate::ValidationContext& context,
                                                     const PipelineOptions& options, validate::AcceptedSink* sink) {
    return ValidateCsv(source, WindowReader::For(source, options.window_bytes), context, options, sink);
}

core::Result<validate::ValidationReport> ValidateCsv(ByteSource& source, std::unique_ptr<WindowReader> reader,
                                                     const validate::ValidationContext& context,
                                                     const PipelineOptions& options, validate::AcceptedSink* sink) {
    CsvPipeline pipeline(source, std::move(reader), context, options, sink);
    return pipeline.Run();
}

}  // namespace did::ingest
