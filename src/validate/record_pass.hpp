// RecordValidator::Pass: the state of one record's validation: the record's fields, where its
// findings go, what has been learnt about it. The checks are spread over record_pass*.cpp by
// topic. Internal to the validate layer; one per record, on the stack of the thread doing it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/field.hpp"
#include "validate/record_validator.hpp"

namespace did::validate {

class RecordValidator::Pass {
  public:
    Pass(const RecordValidator& validator, RecordFields fields, uint64_t line, std::vector<Finding>& findings,
         RecordFacts& facts, bool may_hold_control)
        : v_(validator),
          fields_(fields),
          line_(line),
          findings_(findings),
          facts_(facts),
          may_hold_control_(may_hold_control),
          first_finding_(findings.size()) {}

    RecordOutcome Run();

  private:
    std::string_view Get(core::Field field) const { return fields_[core::Index(field)]; }
    const ValidationContext& context() const { return v_.context_; }
    // A finding. Control characters in its value or message are written visibly (<NUL>): a
    // report must show them, and PostgreSQL cannot store a NUL in text.
    void Add(RuleId rule, std::string_view value, std::string message);
    // The record's site code and accession number: made with its first finding, then shared.
    std::shared_ptr<const FindingPlace> Place() const;
    // A date as messages write it: CCYY-MM-DD.
    static std::string Iso(core::Date d) { return d.ToString(); }

    // record_pass.cpp
    void CheckNhsNumber();
    void CheckDemographics();
    void CheckGpPractice(std::string_view gp);
    void CheckReferral();
    // record_pass_dates.cpp
    // The field's date packed (core::Date::ParsePacked), 0 when it is empty or not a date.
    uint32_t ParseDate(core::Field field, RuleId invalid_rule, std::string_view what);
    void CheckDates();
    // record_pass_codes.cpp
    void CheckImagingCodes();
    std::optional<uint64_t> CheckSnomed(std::string_view snomed, core::Date on);
    // record_pass_places.cpp
    void CheckSite();
    // `code` against the ODS data: `unknown_rule` when it is not an organisation of `kind`
    // ("<what> code 'X' is not a <what> in the ODS data"), else `closed_rule` when it was not
    // open on the test date.
    void CheckOdsEntry(std::string_view code, refdata::OrgKind kind, std::string_view what, RuleId unknown_rule,
                       RuleId closed_rule);
    void CheckAccession();
    void CheckEngagement();
    // record_pass_control.cpp
    void CheckControlCharacters();

    const RecordValidator& v_;
    RecordFields fields_;
    uint64_t line_;
    std::vector<Finding>& findings_;
    RecordFacts& facts_;
    bool may_hold_control_;
    // Where this record's findings begin in `findings_`. The first holds the record's place;
    // the pass keeps no pointer of its own, which would cost every record, findings or none.
    size_t first_finding_;
    RecordOutcome outcome_ = RecordOutcome::kClean;
};

}  // namespace did::validate
