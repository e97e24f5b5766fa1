#include "validate/record_pass.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/control_characters.hpp"
#include "core/nhs_number.hpp"
#include "core/postcode.hpp"
#include "core/utf8.hpp"
#include "validate/code_formats.hpp"

namespace did::validate {

using core::Date;
using core::Field;

RecordOutcome RecordValidator::Pass::Run() {
    const size_t first = first_finding_;
    CheckDates();  // first: the checks after it use the dates it parses
    CheckNhsNumber();
    CheckDemographics();
    CheckReferral();
    CheckImagingCodes();
    CheckSite();
    CheckAccession();
    CheckEngagement();
    if (may_hold_control_) CheckControlCharacters();
    // Most records have no finding or one, and the checks mostly come in rule order: sorting
    // only when needed spares a temporary buffer and two moves of every finding.
    const auto by_rule = [](const Finding& a, const Finding& b) { return a.rule < b.rule; };
    const auto begin = findings_.begin() + static_cast<std::ptrdiff_t>(first);
    if (!std::is_sorted(begin, findings_.end(), by_rule)) std::stable_sort(begin, findings_.end(), by_rule);
    return outcome_;
}

void RecordValidator::Pass::Add(RuleId rule, std::string_view value, std::string message) {
    if (!v_.Runs(rule)) return;
    const Severity severity = v_.SeverityOf(rule);
    std::string shown_value(value);
    if (may_hold_control_) {
        if (core::HasControlCharacter(value)) shown_value = core::ShowControlCharacters(value);
        if (core::HasControlCharacter(message)) message = core::ShowControlCharacters(message);
    }
    findings_.push_back(Finding{line_, rule, severity, std::move(shown_value), std::move(message), Place()});
    if (severity != Severity::kWarn) {
        outcome_ = RecordOutcome::kRejected;
    } else if (outcome_ == RecordOutcome::kClean) {
        outcome_ = RecordOutcome::kWarned;
    }
}

std::shared_ptr<const FindingPlace> RecordValidator::Pass::Place() const {
    if (findings_.size() > first_finding_) return findings_[first_finding_].place;
    const std::string_view site = Get(Field::kSiteCode);
    const std::string_view accession = Get(Field::kAccessionNumber);
    // Shown as `value` is, for the same reasons.
    if (may_hold_control_ && (core::HasControlCharacter(site) || core::HasControlCharacter(accession))) {
        return std::make_shared<const FindingPlace>(core::ShowControlCharacters(site),
                                                    core::ShowControlCharacters(accession));
    }
    return std::make_shared<const FindingPlace>(site, accession);
}

void RecordValidator::Pass::CheckNhsNumber() {
    const std::string_view nhs = Get(Field::kNhsNumber);
    if (!nhs.empty()) {
        switch (core::CheckNhsNumber(nhs)) {
            case core::NhsNumberCheck::kValid:
                break;
            case core::NhsNumberCheck::kNotTenDigits:
                Add(RuleId::kDids002, nhs,
                    fmt::format("NHS number '{}' is not exactly 10 digits (no spaces or other characters)", nhs));
                break;
            case core::NhsNumberCheck::kCheckDigitTen:
                Add(RuleId::kDids001, nhs,
                    fmt::format("NHS number {} fails the Modulus 11 check: its first nine digits give a check "
                                "digit of 10, which no NHS number has",
                                nhs));
                break;
            case core::NhsNumberCheck::kWrongCheckDigit:
                Add(RuleId::kDids001, nhs,
                    fmt::format("NHS number {} fails the Modulus 11 check: the last digit should be {}", nhs,
                                *core::NhsNumberCheckDigit(nhs.substr(0, 9))));
                break;
            case core::NhsNumberCheck::kPalindrome:
                Add(RuleId::kDids001, nhs,
                    fmt::format("NHS number {} reads the same backwards; no such number is issued", nhs));
                break;
        }
    }
    const std::string_view status = Get(Field::kNhsNumberStatus);
    if (!status.empty() && !IsNhsNumberStatus(status)) {
        Add(RuleId::kDids003, status,
            fmt::format("NHS number status '{}' is not one of 01 to 08 (two digits)", status));
    }
}

void RecordValidator::Pass::CheckDemographics() {
    const std::string_view ethnic = Get(Field::kEthnicCategory);
    if (!ethnic.empty() && !IsEthnicCategory(ethnic)) {
        Add(RuleId::kDids012, ethnic,
            fmt::format("ethnic category '{}' is not 99 or a national code (A-H, J-N, P, R, S, Z, optionally "
                        "followed by one letter or digit)",
                        ethnic));
    }
    const std::string_view gender = Get(Field::kGender);
    if (!gender.empty() && !IsGenderCode(gender)) {
        Add(RuleId::kDids014, gender, fmt::format("gender '{}' is not 0, 1, 2 or 9", gender));
    }
    const std::string_view postcode = Get(Field::kPostcode);
    bool postcode_ok = postcode.empty() || core::IsPostcodeFormat(postcode);
    if (!postcode_ok) {
        // A postcode of the right shape with a letter no postcode has there looks right to
        // whoever reads the report: say which letter.
        const std::string_view letter_fault = core::PostcodeLetterFault(postcode);
        Add(RuleId::kDids017, postcode,
            letter_fault.empty()
                ? fmt::format("postcode '{}' is not in a UK postcode format (upper case, e.g. LS1 4AP)", postcode)
                : fmt::format("postcode '{}' is not in a UK postcode format: {}", postcode, letter_fault));
    } else if (!postcode.empty() && v_.Runs(RuleId::kDids016) && !context().postcodes->Contains(postcode)) {
        postcode_ok = false;
        Add(RuleId::kDids016, postcode, fmt::format("postcode {} is not in the ONS Postcode Directory", postcode));
    }
    const std::string_view gp = Get(Field::kGpPractice);
    if (!gp.empty()) CheckGpPractice(gp);
    const bool others_absent = Get(Field::kNhsNumber).empty() && Get(Field::kBirthDate).empty() && ethnic.empty() &&
                               gender.empty() && gp.empty();
    if (others_absent && postcode.empty()) {
        Add(RuleId::kDids073, "",
            "no demographic item: give at least one of NHS number, birth date, ethnic category, gender, "
            "postcode or GP practice");
    } else if (others_absent && !postcode_ok) {
        Add(RuleId::kDids074, postcode,
            fmt::format("the postcode '{}' is the only demographic item and it is invalid", postcode));
    }
}

// DIDS018 against the practices in the ODS data when there are any, else the code's shape;
// DIDS080 when the practice was closed (or not yet open) on the day of the test.
void RecordValidator::Pass::CheckGpPractice(std::string_view gp) {
    const refdata::OrganisationDirectory* organisations = context().organisations;
    const bool have_practices = organisations != nullptr && v_.has_practices_;
    if (!have_practices) {
        if (!IsGpPracticeCode(gp)) {
            Add(RuleId::kDids018, gp,
                fmt::format("GP practice code '{}' is not a practice code (a letter and five digits, e.g. A81001)",
                            gp));
        }
        return;
    }
    // The national defaults: no registered practice, not applicable, not known.
    if (gp == "V81997" || gp == "V81998" || gp == "V81999") return;
    CheckOdsEntry(gp, refdata::OrgKind::kGpPractice, "GP practice", RuleId::kDids018, RuleId::kDids080);
}

void RecordValidator::Pass::CheckReferral() {
    const std::string_view setting = Get(Field::kSourceSetting);
    if (setting.empty()) {
        Add(RuleId::kDids020, "", "patient source setting is missing (01-07)");
    } else if (!IsSourceSetting(setting)) {
        Add(RuleId::kDids021, setting, fmt::format("patient source setting '{}' is not one of 01 to 07", setting));
    }
    const std::string_view referrer = Get(Field::kReferrerCode);
    if (!referrer.empty() && !IsReferrerCode(referrer)) {
        facts_.referrer_unknown = v_.Runs(RuleId::kDids023);
        Add(RuleId::kDids023, referrer,
            fmt::format("referrer code '{}' is not a recognised format (C/G + 7 digits, D + 6 digits, NMC PIN, "
                        "HCPC number, R9999981 or 99); it will be stored as 99",
                        referrer));
    }
    const std::string_view org = Get(Field::kReferringOrg);
    if (!org.empty() && org != "X99998" && org != "X99999" && v_.Runs(RuleId::kDids024)) {
        const refdata::Organisation* found = context().organisations->Find(org);
        if (found == nullptr) {
            Add(RuleId::kDids024, org,
                fmt::format("referring organisation {} is not in the ODS reference data (X99998 not applicable, "
                            "X99999 not known)",
                            org));
        } else if (const Date on = facts_.request.value_or(facts_.test.value_or(context().submitted));
                   !found->OpenOn(on)) {
            Add(RuleId::kDids079, org,
                fmt::format("referring organisation {} ({}) was not open on {}", org, found->name, Iso(on)));
        }
    }
}

}  // namespace did::validate
