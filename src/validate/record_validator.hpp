// RecordValidator: runs every record-level rule on one record's eighteen fields and says
// what it found. Each check stands on its own, so one record can carry many findings.
// Holds only read-only state derived from the context: one instance can serve all threads.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/field.hpp"
#include "core/optional_date.hpp"
#include "validate/finding.hpp"
#include "validate/validation_context.hpp"

namespace did::validate {

enum class RecordOutcome : uint8_t { kClean, kWarned, kRejected };

// What the checks learnt about a record, for whoever stores or counts it.
struct RecordFacts {
    core::OptionalDate birth, request, received, test, report;
    const refdata::NicipEntry* exam = nullptr;  // the NICIP entry (direct or through a local code)
    bool local_code = false;                    // the NICIP column held a notified local code
    bool referrer_unknown = false;              // DIDS023 fired: store the referrer as "99"
    bool excluded = false;                      // DIDC-EXCLUDED: kept out of the counts
};

using RecordFields = std::span<const std::string_view, core::kFieldCount>;

class RecordValidator {
  public:
    explicit RecordValidator(const ValidationContext& context);

    // Appends this record's findings to `findings`, in rule order, and fills `facts`. A reader
    // that has scanned the record's bytes and found no control character passes false for
    // `may_hold_control`, which spares every field a second look (DIDC-CONTROL, and writing
    // control characters visibly in findings).
    RecordOutcome Validate(RecordFields fields, uint64_t line, std::vector<Finding>& findings, RecordFacts& facts,
                           bool may_hold_control = true) const;

    Severity SeverityOf(RuleId rule) const { return severity_[static_cast<size_t>(Index(rule))]; }
    bool Runs(RuleId rule) const { return runs_[static_cast<size_t>(Index(rule))]; }
    const ValidationContext& context() const { return context_; }

  private:
    class Pass;  // the state of one record's validation (record_pass.hpp)

    const ValidationContext& context_;
    std::array<Severity, kRuleCount> severity_{};
    std::array<bool, kRuleCount> runs_{};
    core::Date submission_month_start_;
    core::Date warn_before_;      // DIDS049: 3 months before the submission month
    core::Date reject_before_;    // DIDS055: 6 months before the submission month
    bool has_practices_ = false;  // the ODS data holds GP practices: DIDS018 looks codes up
    bool has_sites_ = false;      // the ODS data holds sites: DIDS068 looks codes up
};

}  // namespace did::validate
