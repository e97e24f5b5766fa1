// The rule catalogue: every validation rule, its severity, the field it concerns, what it
// means to a submitter and what it needs to run. One table (rule_catalogue.cpp) feeds the
// validator, the reports, `did rules` and docs/rules.md. A RuleCatalogue is a value that
// can carry announced severity changes; read-only once built, so safe to share.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/field.hpp"
#include "validate/rule_id.hpp"

namespace did::validate {

// What a rule needs beyond the file itself, so a report can say which rules did not run.
enum class Needs : uint8_t {
    kFile,           // the file, the catalogue, the submission date and local codes
    kPeriod,         // the reporting period the file is for
    kOrganisations,  // ODS organisation reference data
    kPostcodes,      // the ONS Postcode Directory
    kSubmitter,      // the submitting provider and who it submits for
    kExclusions,     // the configured excluded activity
    kStore,          // other providers' stored submissions
    kXml,            // an XML submission
};

std::string_view NeedsDescription(Needs needs);

struct RuleSpec {
    RuleId id;
    std::string_view code;             // "DIDS001"
    Severity severity;                 // today's severity
    std::string_view field_label;      // what a finding's `field` says
    std::optional<core::Field> field;  // the column whose value a finding quotes, when there is one
    std::string_view meaning;          // one line for a data manager
    std::string_view check;            // the exact condition, as in docs/validation-rules
    Needs needs;
};

// An announced change: for files submitted on or after `on`, the rule has `severity`.
struct SeverityChange {
    core::Date on;
    Severity severity;
};

class RuleCatalogue {
  public:
    // The rules as the national collection runs them.
    static const RuleCatalogue& Standard();

    const RuleSpec& Spec(RuleId id) const { return specs_[static_cast<size_t>(Index(id))]; }
    std::span<const RuleSpec> All() const { return specs_; }
    std::optional<RuleId> Find(std::string_view code) const;
    const std::optional<SeverityChange>& Change(RuleId id) const { return changes_[static_cast<size_t>(Index(id))]; }

    // Severity for a file submitted on `submitted`, honouring announced changes.
    Severity SeverityOn(RuleId id, core::Date submitted) const;

    // A copy with a change announced: from `on`, `id` has `severity`.
    RuleCatalogue WithSeverityChange(RuleId id, core::Date on, Severity severity) const;

  private:
    RuleCatalogue() = default;
    std::array<RuleSpec, kRuleCount> specs_{};
    std::array<std::optional<SeverityChange>, kRuleCount> changes_{};
};

}  // namespace did::validate
