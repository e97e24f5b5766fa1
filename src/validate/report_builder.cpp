#include "validate/report_builder.hpp"

#include "core/control_characters.hpp"
#include "core/utf8.hpp"
#include "validate/duplicate_key.hpp"

#include <cstring>

#include <fmt/format.h>

namespace did::validate {

ReportBuilder::ReportBuilder(const RecordValidator& validator) : validator_(validator) {
    for (int i = 0; i < kRuleCount; ++i) {
        const auto rule = static_cast<RuleId>(i);
        report_.severities[static_cast<size_t>(i)] = validator.SeverityOf(rule);
        if (!validator.Runs(rule)) report_.not_run.push_back(rule);
    }
}

core::Status ReportBuilder::Add(FindingSpool& spool, Finding finding) {
    RuleTally& tally = report_.tallies[static_cast<size_t>(Index(finding.rule))];
    ++tally.count;
    if (tally.examples.size() < kExampleLines) tally.examples.push_back({finding.line, finding.place});
    return spool.Append(std::move(finding));
}

core::Status ReportBuilder::AddFileError(Finding finding) {
    return Add(report_.file_errors, std::move(finding));
}

core::Status ReportBuilder::Merge(std::span<ChunkResult* const> chunks, std::span<const uint64_t> line_base,
                                  AcceptedSink* sink) {
    for (size_t i = 0; i < chunks.size(); ++i) {
        if (auto status = MergeChunk(*chunks[i], line_base[i], sink); !status) return status;
    }
    return {};
}

core::Status ReportBuilder::MergeChunk(ChunkResult& chunk, uint64_t base, AcceptedSink* sink) {
    // Empty lines are errors only once a record follows them.
    if (chunk.records > 0) {
        for (uint64_t i = 0; i < pending_empty_.count; ++i) {
            auto status = AddFileError(Finding{pending_empty_.first_line + i, RuleId::kDids075, Severity::kFile, "",
                                               "the line is empty but records follow it"});
            if (!status) return status;
        }
        pending_empty_ = {};
    }
    if (chunk.trailing_empty.count > 0) {
        if (pending_empty_.count == 0) pending_empty_.first_line = base + chunk.trailing_empty.first_line;
        pending_empty_.count += chunk.trailing_empty.count;
    }
    for (Finding& error : chunk.file_errors) {
        error.line += base;
        if (auto status = AddFileError(std::move(error)); !status) return status;
    }
    report_.records.total += chunk.records;
    if (file_rejected()) return {};  // nothing about records will be reported

    report_.records.rejected += chunk.rejected;
    report_.records.warned += chunk.warned;

    // DIDS071: the pipeline has marked repeats; turn them into findings and outcomes.
    duplicates_.clear();
    const Severity severity = validator_.SeverityOf(RuleId::kDids071);
    for (const DuplicateKey& key : chunk.keys) {
        if (!key.duplicate) continue;
        const auto [site, accession] =
            SplitDuplicateKey(std::string_view(chunk.key_arena).substr(key.key_offset, key.key_size));
        // Control characters written visibly, as in every other finding (PostgreSQL cannot
        // store a NUL); a repeat is rare, so the check costs nothing that matters.
        const bool control = core::HasControlCharacter(accession) || core::HasControlCharacter(site);
        std::string shown_accession = control ? core::ShowControlCharacters(accession) : std::string(accession);
        const std::string shown_site = control ? core::ShowControlCharacters(site) : std::string(site);
        std::string message = fmt::format("accession number {} at site {} was already used on line {}", shown_accession,
                                          shown_site, key.first_line);
        auto place = std::make_shared<const FindingPlace>(shown_site, shown_accession);
        duplicates_.push_back(Finding{base + key.line, RuleId::kDids071, severity, std::move(shown_accession),
                                      std::move(message), std::move(place)});
        if (severity == Severity::kWarn) {
            if (key.outcome == RecordOutcome::kClean) ++report_.records.warned;
            if (key.accepted_index >= 0)
                chunk.accepted.records()[static_cast<size_t>(key.accepted_index)].warned = true;
            continue;
        }
        if (key.outcome == RecordOutcome::kRejected) continue;
        ++report_.records.rejected;
        if (key.outcome == RecordOutcome::kWarned) --report_.records.warned;
        if (key.accepted_index >= 0) chunk.accepted.records()[static_cast<size_t>(key.accepted_index)].dropped = true;
    }

    // Both lists are in (line, rule) order: merge them.
    size_t d = 0;
    for (Finding& finding : chunk.findings) {
        finding.line += base;
        if (finding.element_line) {
            *finding.element_line += base;
            finding.message += fmt::format(" (the element is on line {})", *finding.element_line);
        }
        while (d < duplicates_.size() && (duplicates_[d].line < finding.line || (duplicates_[d].line == finding.line &&
                                                                                 duplicates_[d].rule < finding.rule))) {
            if (auto status = Add(report_.findings, std::move(duplicates_[d++])); !status) return status;
        }
        if (auto status = Add(report_.findings, std::move(finding)); !status) return status;
    }
    for (; d < duplicates_.size(); ++d) {
        if (auto status = Add(report_.findings, std::move(duplicates_[d])); !status) return status;
    }
    if (sink != nullptr && !chunk.accepted.records().empty()) {
        for (AcceptedRecord& record : chunk.accepted.records()) record.line += base;  // chunk-relative until now
        return sink->Consume(chunk.accepted);
    }
    return {};
}

ValidationReport ReportBuilder::Finish(std::optional<Finding> unreadable) {
    if (unreadable) {
        // Nothing else is checked in a file that cannot be read.
        ValidationReport only;
        only.severities = report_.severities;
        only.not_run = report_.not_run;
        only.bytes = report_.bytes;
        report_ = std::move(only);
        (void)AddFileError(std::move(*unreadable));
    } else if (report_.records.total == 0) {
        (void)AddFileError(Finding{0, RuleId::kDidcEmpty, Severity::kFile, "", "the file holds no records"});
    }
    if (file_rejected()) {
        report_.records = {};
        report_.findings.Clear();
        for (int i = 0; i < kRuleCount; ++i) {
            if (report_.severities[static_cast<size_t>(i)] != Severity::kFile)
                report_.tallies[static_cast<size_t>(i)] = {};
        }
    } else {
        report_.records.accepted = report_.records.total - report_.records.rejected;
    }
    return std::move(report_);
}

}  // namespace did::validate
