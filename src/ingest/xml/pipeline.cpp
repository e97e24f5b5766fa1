#include "ingest/xml/pipeline.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "ingest/worker_pool.hpp"
#include "ingest/xml/chunk_parser.hpp"
#include "ingest/xml/prolog.hpp"
#include "validate/duplicate_index.hpp"
#include "validate/report_builder.hpp"

namespace did::ingest {
namespace {

using validate::ChunkResult;
using validate::Finding;
using validate::RuleId;
using validate::Severity;

constexpr std::string_view kRecordTag = "<DIDSRecord";

// The first "<DIDSRecord" start tag at or after `from`; view.size() when there is none. A guess:
// the same bytes inside a comment or a CDATA section are no tag, which the chunk before finds.
size_t FindRecordStart(std::string_view view, size_t from) {
    while (from < view.size()) {
        const size_t at = view.find(kRecordTag, from);
        if (at == std::string_view::npos || at + kRecordTag.size() >= view.size()) return view.size();
        const char next = view[at + kRecordTag.size()];
        if (next == '>' || next == '/' || next == ' ' || next == '\t' || next == '\n' || next == '\r') return at;
        from = at + 1;
    }
    return view.size();
}

class XmlPipeline {
    struct Batch {
        std::vector<ChunkResult> results;
        std::vector<ChunkResult*> chunks;
        std::vector<uint64_t> line_base;
        bool pending = false;
        bool structure_only = false;
    };

  public:
    XmlPipeline(ByteSource& source, std::unique_ptr<WindowReader> reader, const validate::ValidationContext& context,
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
            parsers_.push_back(
                std::make_unique<xml::XmlChunkParser>(validator_, sink != nullptr, options.xml_plain_reader));
        }
        for (Batch& batch : batches_) batch.results.resize(pool_.size() * 16);
        // A record takes about 1 KB as XML.
        if (const auto size = source.SizeHint()) duplicates_.Reserve(*size / 1000);
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
                const xml::Prolog prolog = xml::ReadProlog(view, eof_);
                if (prolog.state == xml::Prolog::State::kNeedMoreData) {
                    if (auto grown = Grow(); !grown) return core::Fail(grown.error());
                    if (stop_) break;
                    continue;
                }
                if (prolog.state == xml::Prolog::State::kError) {
                    unreadable_ = *prolog.error;
                    unreadable_->line += 1;
                    break;
                }
                if (prolog.state == xml::Prolog::State::kEmptyRoot) break;
                first = false;
                pos = prolog.root_end;
                next_line_ += CountLines(view.substr(0, pos));
            }
            const auto consumed = ProcessWindow(view, pos);
            if (!consumed) return core::Fail(consumed.error());
            if (unreadable_ || stop_) break;
            if (eof_ && *consumed == view.size()) break;
            const uint64_t column = ColumnAt(view, *consumed);  // before Grow, which moves the window
            if (*consumed == pos) {                             // not even one DIDSRecord fits: make room
                if (auto grown = Grow(); !grown) return core::Fail(grown.error());
                if (stop_) break;
            }
            window_column_ = column;
            if (auto status = reader_->Consume(*consumed); !status) return core::Fail(status.error());
            bytes_done_ += *consumed;
            if (options_.progress) options_.progress(bytes_done_);
        }
        if (!unreadable_) {
            if (auto flushed = FlushPending(); !flushed) return core::Fail(flushed.error());
        }
        if (auto unchanged = source_.CheckUnchanged(); !unchanged) return core::Fail(unchanged.error());
        if (sink_ != nullptr) {
            if (auto status = sink_->Finish(!builder_.file_rejected() && !unreadable_); !status) {
                return core::Fail(status.error());
            }
        }
        validate::ValidationReport report = builder_.Finish(std::move(unreadable_));
        // DIDS076 ran: this is the XML submission it needs.
        std::erase(report.not_run, RuleId::kDids076);
        report.bytes = reader_->bytes_read();
        report.duplicate_keys = duplicates_.size();
        return report;
    }

  private:
    static uint64_t CountLines(std::string_view text) {
        return static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
    }

    // The column (0-based) of view[pos] in its line.
    uint64_t ColumnAt(std::string_view view, size_t pos) const {
        const size_t lf = view.substr(0, pos).rfind('\n');
        return lf == std::string_view::npos ? window_column_ + pos : pos - lf - 1;
    }

    core::Status Grow() {
        if (eof_) return {};
        if (reader_->window_bytes() >= options_.max_record_bytes) {
            stop_ = true;
            if (auto flushed = FlushPending(); !flushed) return flushed;
            unreadable_ = Finding{next_line_, RuleId::kDids076, Severity::kFile, "",
                                  fmt::format("more than {} MiB from this line on without the end of a DIDSRecord "
                                              "(or of the root's start tag): the file cannot be read past it",
                                              options_.max_record_bytes >> 20)};
            return {};
        }
        return reader_->Grow();
    }

    core::Result<size_t> ProcessWindow(std::string_view view, size_t pos) {
        if (eof_ && pos == view.size()) {  // only the root's start tag, and then nothing
            unreadable_ = Finding{next_line_, RuleId::kDids076, Severity::kFile, "",
                                  "the file ends before its XML does (cut short?): <DIDS> is never closed"};
            return pos;
        }
        const size_t remaining = view.size() - pos;
        const size_t chunks = std::clamp<size_t>(remaining / std::max<size_t>(options_.min_chunk_bytes, 1), 1,
                                                 batches_[0].results.size());
        bounds_.assign(chunks + 1, 0);
        for (size_t i = 0; i <= chunks; ++i) bounds_[i] = pos + remaining * i / chunks;
        starts_.assign(chunks, pos);
        columns_.assign(chunks, ColumnAt(view, pos));
        for (size_t i = 1; i < chunks; ++i) {
            starts_[i] = FindRecordStart(view, bounds_[i]);
            columns_[i] = ColumnAt(view, starts_[i]);
        }
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
                parsers_[worker]->Parse(view, starts_[i], bounds_[i + 1], eof_, structure_only, columns_[i],
                                        batch.results[i]);
            }
        });
        if (!prefetched) return core::Fail(prefetched.error());
        if (auto merged = MergeBatch(previous); !merged) return core::Fail(merged.error());

        std::vector<ChunkResult>& results = batch.results;
        // A chunk that guessed its start wrong (or followed one that could not end) is read
        // again from where the one before it really ended.
        for (size_t i = 1; i < chunks; ++i) {
            if (results[i - 1].unreadable || results[i - 1].needs_more_data) break;
            if (results[i].begin != results[i - 1].end) {
                parsers_[0]->Parse(view, results[i - 1].end, bounds_[i + 1], eof_, structure_only,
                                   ColumnAt(view, results[i - 1].end), results[i]);
            }
        }
        batch.chunks.clear();
        batch.line_base.clear();
        uint64_t line = next_line_;
        size_t used = chunks;
        for (size_t i = 0; i < chunks; ++i) {
            ChunkResult& r = results[i];
            if (r.unreadable) {
                unreadable_ = std::move(*r.unreadable);
                unreadable_->line += line;
                // What came before is of no use: the file is rejected whole.
                return r.begin;
            }
            batch.chunks.push_back(&r);
            batch.line_base.push_back(line);
            line += r.line_breaks;
            if (r.needs_more_data) {  // the rest of the window waits for the next one
                used = i + 1;
                break;
            }
        }
        batch.pending = true;
        batch.structure_only = structure_only;
        current_ = 1 - current_;
        next_line_ = line;
        return results[used - 1].end;
    }

    core::Status MergeBatch(Batch& batch) {
        if (!batch.pending) return {};
        batch.pending = false;
        return builder_.Merge(batch.chunks, batch.line_base, sink_);
    }

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
    std::vector<std::unique_ptr<xml::XmlChunkParser>> parsers_;
    Batch batches_[2];
    int current_ = 0;
    std::vector<size_t> bounds_;
    std::vector<size_t> starts_;
    std::vector<uint64_t> columns_;
    std::unique_ptr<WindowReader> reader_;
    bool eof_ = false;
    bool stop_ = false;
    uint64_t next_line_ = 1;
    uint64_t window_column_ = 0;  // the column of the window's first byte in its line
    uint64_t bytes_done_ = 0;
    std::optional<Finding> unreadable_;
};

}  // namespace

core::Result<validate::ValidationReport> ValidateXml(ByteSource& source, std::unique_ptr<WindowReader> reader,
                                                     const validate::ValidationContext& context,
                                                     const PipelineOptions& options, validate::AcceptedSink* sink) {
    XmlPipeline pipeline(source, std::move(reader), context, options, sink);
    return pipeline.Run();
}

}  // namespace did::ingest
