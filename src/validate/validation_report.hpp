// ValidationReport: everything validating one file found: record counts, a tally per
// rule with its first example lines, every file-level error and every record finding
// (spooled, so a file with millions of findings still fits). Built by ReportBuilder,
// then read by the renderers; a value owned by one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "validate/finding_spool.hpp"
#include "validate/rule_id.hpp"

namespace did::validate {

inline constexpr size_t kExampleLines = 10;

// A finding a summary shows for its rule: where it is, and how to find the examination.
struct RuleExample {
    uint64_t line = 0;
    std::shared_ptr<const FindingPlace> place;  // null for a file-level finding
};

struct RuleTally {
    uint64_t count = 0;
    std::vector<RuleExample> examples;  // the first kExampleLines findings, in file order
};

struct RecordCounts {
    uint64_t total = 0;     // data records (0 when the file is rejected)
    uint64_t accepted = 0;  // total - rejected: stored, warnings or not
    uint64_t rejected = 0;
    uint64_t warned = 0;  // accepted records with at least one warning
};

struct ValidationReport {
    RecordCounts records;
    std::array<RuleTally, kRuleCount> tallies{};
    std::array<Severity, kRuleCount> severities{};  // as applied on this submission date
    FindingSpool file_errors{1u << 16};
    FindingSpool findings;
    std::vector<RuleId> not_run;  // rules the context could not run (no period, no reference data, …)
    bool has_header = false;
    uint64_t bytes = 0;
    uint64_t duplicate_keys = 0;  // distinct (accession, site) pairs held for DIDS071

    bool file_rejected() const { return file_errors.size() > 0; }
};

}  // namespace did::validate
