#include "validate/chunk_validator.hpp"

#include <cstring>

#include <fmt/format.h>

#include "core/hash.hpp"
#include "validate/duplicate_key.hpp"

namespace did::validate {

std::string ColumnCountMessage(uint32_t columns, std::string_view reason) {
    if (!reason.empty()) return fmt::format("{}, so the line cannot be read as 18 columns", reason);
    return fmt::format("the line has {} column{}; a DID record has 18", columns, columns == 1 ? "" : "s");
}

void ChunkValidator::Begin(ChunkResult& out) {
    out.Clear();
    out_ = &out;
}

void ChunkValidator::FlushEmptyRun() {
    EmptyRun& run = out_->trailing_empty;
    for (uint64_t i = 0; i < run.count; ++i) {
        out_->file_errors.push_back(Finding{run.first_line + i, RuleId::kDids075, Severity::kFile, "",
                                            "the line is empty but records follow it"});
    }
    run = {};
}

void ChunkValidator::EmptyLine(uint64_t line) {
    EmptyRun& run = out_->trailing_empty;
    if (run.count == 0) run.first_line = line;
    ++run.count;
}

void ChunkValidator::BadRecord(uint64_t line, uint32_t columns, std::string_view reason) {
    FlushEmptyRun();
    ++out_->records;
    out_->file_errors.push_back(
        Finding{line, RuleId::kDids075, Severity::kFile, "", ColumnCountMessage(columns, reason)});
}

void ChunkValidator::Record(RecordFields fields, uint64_t line, bool may_hold_control) {
    if (out_->trailing_empty.count != 0) FlushEmptyRun();
    ++out_->records;
    if (structure_only_) return;

    const RecordOutcome outcome = validator_.Validate(fields, line, out_->findings, facts_, may_hold_control);
    if (outcome == RecordOutcome::kRejected) ++out_->rejected;
    if (outcome == RecordOutcome::kWarned) ++out_->warned;
    int32_t accepted_index = -1;
    if (keep_accepted_ && outcome != RecordOutcome::kRejected) {
        accepted_index = static_cast<int32_t>(out_->accepted.records().size());
        out_->accepted.Add(line, fields, facts_, outcome == RecordOutcome::kWarned);
    }

    const std::string_view accession = fields[core::Index(core::Field::kAccessionNumber)];
    const std::string_view site = fields[core::Index(core::Field::kSiteCode)];
    if (accession.empty() || site.empty()) return;
    // The key is copied: the fields may live in a tokenizer's scratch space.
    std::string& arena = out_->key_arena;
    const auto offset = static_cast<uint32_t>(arena.size());
    AppendDuplicateKey(arena, site, accession);
    const auto size = static_cast<uint32_t>(arena.size() - offset);
    // Filled in place: a key built on the stack and copied in whole stalls store forwarding.
    DuplicateKey& key = out_->keys.emplace_back();
    key.hash = core::HashBytes(arena.data() + offset, size);
    key.line = line;
    key.key_offset = offset;
    key.key_size = size;
    key.accepted_index = accepted_index;
    key.outcome = outcome;
}

}  // namespace did::validate
