#include "validate/record_validator.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/nhs_number.hpp"
#include "core/postcode.hpp"
#include "core/utf8.hpp"
#include "core/verhoeff.hpp"
#include "validate/code_formats.hpp"

namespace did::validate {

using core::Date;
using core::Field;

namespace {

const Date kBirthFloor = *Date::FromYmd(1900, 1, 1);
const Date kRequestFloor = *Date::FromYmd(1970, 1, 1);

std::string Iso(Date d) {
    return d.ToString();
}

}  // namespace

RecordValidator::RecordValidator(const ValidationContext& context)
    : context_(context),
      submission_month_start_(context.submitted.FirstOfMonth()),
      warn_before_(submission_month_start_.AddMonths(-3)),
      reject_before_(submission_month_start_.AddMonths(-6)) {
    for (int i = 0; i < kRuleCount; ++i) {
        const auto rule = static_cast<RuleId>(i);
        severity_[static_cast<size_t>(i)] = context.rules->SeverityOn(rule, context.submitted);
        runs_[static_cast<size_t>(i)] = context.CanRun(rule);
    }
}

// One record's checks. Kept apart from RecordValidator so that the validator itself stays
// immutable and shareable while each pass has somewhere to put its findings.
class RecordValidator::Pass {
  public:
    Pass(const RecordValidator& validator, RecordFields fields, uint64_t line, std::vector<Finding>& findings,
         RecordFacts& facts)
        : v_(validator), fields_(fields), line_(line), findings_(findings), facts_(facts) {}

    RecordOutcome Run() {
        const size_t first = findings_.size();
        CheckNhsNumber();
        CheckDemographics();
        CheckReferral();
        CheckDates();
        CheckImagingCodes();
        CheckSite();
        CheckAccession();
        std::stable_sort(findings_.begin() + static_cast<std::ptrdiff_t>(first), findings_.end(),
                         [](const Finding& a, const Finding& b) { return a.rule < b.rule; });
        return outcome_;
    }

  private:
    std::string_view Get(Field field) const { return fields_[core::Index(field)]; }

    void Add(RuleId rule, std::string_view value, std::string message) {
        if (!v_.Runs(rule)) return;
        const Severity severity = v_.SeverityOf(rule);
        findings_.push_back(Finding{line_, rule, severity, std::string(value), std::move(message)});
        if (severity != Severity::kWarn) {
            outcome_ = RecordOutcome::kRejected;
        } else if (outcome_ == RecordOutcome::kClean) {
            outcome_ = RecordOutcome::kWarned;
        }
    }

    void CheckNhsNumber() {
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

    void CheckDemographics() {
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
        const bool postcode_ok = postcode.empty() || core::IsPostcodeFormat(postcode);
        if (!postcode_ok) {
            Add(RuleId::kDids017, postcode,
                fmt::format("postcode '{}' is not in a UK postcode format (upper case, e.g. LS1 4AP)", postcode));
        }
        const std::string_view gp = Get(Field::kGpPractice);
        if (!gp.empty() && !IsGpPracticeCode(gp)) {
            Add(RuleId::kDids018, gp,
                fmt::format("GP practice code '{}' is not a practice code (a letter and five digits, e.g. A81001)",
                            gp));
        }
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

    void CheckReferral() {
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
    }

    std::optional<Date> ParseDate(Field field, RuleId invalid_rule, std::string_view what) {
        const std::string_view text = Get(field);
        if (text.empty()) return std::nullopt;
        const auto date = Date::Parse(text);
        if (!date) {
            Add(invalid_rule, text,
                fmt::format("{} '{}' is not a valid date (CCYY-MM-DD, or a DID 2.0 timestamp)", what, text));
        }
        return date;
    }

    void CheckDates() {
        const auto birth = ParseDate(Field::kBirthDate, RuleId::kDids005, "birth date");
        const auto request = ParseDate(Field::kRequestDate, RuleId::kDids026, "request date");
        const auto received = ParseDate(Field::kRequestReceivedDate, RuleId::kDids036, "request received date");
        std::optional<Date> test;
        if (Get(Field::kTestDate).empty()) {
            Add(RuleId::kDids050, "", "test date is missing: it decides the reporting period");
        } else {
            test = ParseDate(Field::kTestDate, RuleId::kDids045, "test date");
        }
        const auto report = ParseDate(Field::kReportIssueDate, RuleId::kDids061, "report issue date");
        facts_.birth = birth;
        facts_.request = request;
        facts_.received = received;
        facts_.test = test;
        facts_.report = report;

        const std::string_view b = Get(Field::kBirthDate);
        if (birth) {
            if (test && *birth > *test) {
                Add(RuleId::kDids006, b, fmt::format("birth date {} is after the test date {}", b, Iso(*test)));
            }
            if (report && *birth > *report) {
                Add(RuleId::kDids008, b,
                    fmt::format("birth date {} is after the report issue date {}", b, Iso(*report)));
            }
            if (*birth <= kBirthFloor) {
                Add(RuleId::kDids009, b, fmt::format("birth date {} is on or before 1900-01-01", b));
            }
            if (request && *birth > request->AddMonths(6)) {
                Add(RuleId::kDids010, b,
                    fmt::format("birth date {} is more than 6 months after the request date {} (latest {})", b,
                                Iso(*request), Iso(request->AddMonths(6))));
            }
        }
        const std::string_view rq = Get(Field::kRequestDate);
        if (request) {
            if (received && *request > *received) {
                Add(RuleId::kDids027, rq,
                    fmt::format("request date {} is after the request received date {}", rq, Iso(*received)));
            }
            if (test && *request < test->AddMonths(-12)) {
                Add(RuleId::kDids028, rq,
                    fmt::format("request date {} is more than a year before the test date {}", rq, Iso(*test)));
            }
            if (*request < kRequestFloor) {
                Add(RuleId::kDids031, rq, fmt::format("request date {} is before 1970-01-01", rq));
            }
            if (test && *request > *test) {
                Add(RuleId::kDids034, rq, fmt::format("request date {} is after the test date {}", rq, Iso(*test)));
            }
        }
        const std::string_view rr = Get(Field::kRequestReceivedDate);
        if (received) {
            if (test && *received < test->AddMonths(-12)) {
                Add(RuleId::kDids038, rr,
                    fmt::format("request received date {} is more than a year before the test date {}", rr,
                                Iso(*test)));
            }
            if (birth && *received < birth->AddMonths(-6)) {
                Add(RuleId::kDids040, rr,
                    fmt::format("request received date {} is more than 6 months before the birth date {}", rr,
                                Iso(*birth)));
            }
            if (*received < kRequestFloor) {
                Add(RuleId::kDids041, rr, fmt::format("request received date {} is before 1970-01-01", rr));
            }
            if (test && *received > *test) {
                Add(RuleId::kDids043, rr,
                    fmt::format("request received date {} is after the test date {}", rr, Iso(*test)));
            }
            if (report && *received > *report) {
                Add(RuleId::kDids044, rr,
                    fmt::format("request received date {} is after the report issue date {}", rr, Iso(*report)));
            }
        }
        const std::string_view t = Get(Field::kTestDate);
        if (test) {
            if (*test < v_.warn_before_) {
                Add(RuleId::kDids049, t,
                    fmt::format("test date {} is more than 3 months before the submission month (before {})", t,
                                Iso(v_.warn_before_)));
            }
            if (*test > v_.context_.submitted) {
                Add(RuleId::kDids051, t,
                    fmt::format("test date {} is after the submission date {}", t, Iso(v_.context_.submitted)));
            }
            if (*test < v_.reject_before_) {
                Add(RuleId::kDids055, t,
                    fmt::format("test date {} is more than 6 months before the submission month (before {})", t,
                                Iso(v_.reject_before_)));
            }
            if (v_.context_.period && !v_.context_.period->Contains(*test)) {
                Add(RuleId::kDidcPeriod, t,
                    fmt::format("test date {} is outside the reporting period {}", t, v_.context_.period->ToString()));
            }
        }
        const std::string_view r = Get(Field::kReportIssueDate);
        if (report) {
            if (request && *report < *request) {
                Add(RuleId::kDids035, r,
                    fmt::format("report issue date {} is before the request date {}", r, Iso(*request)));
            }
            if (test && *report < *test) {
                Add(RuleId::kDids048, r, fmt::format("report issue date {} is before the test date {}", r, Iso(*test)));
            }
            if (test && *report > test->AddMonths(1)) {
                Add(RuleId::kDids062, r,
                    fmt::format("report issue date {} is more than a month after the test date {}", r, Iso(*test)));
            }
            if (*report > v_.context_.submitted) {
                Add(RuleId::kDids066, r,
                    fmt::format("report issue date {} is after the submission date {}", r, Iso(v_.context_.submitted)));
            }
        }
    }

    void CheckImagingCodes() {
        const std::string_view nicip = Get(Field::kNicipCode);
        const std::string_view snomed = Get(Field::kSnomedCode);
        if (nicip.empty() && snomed.empty()) {
            Add(RuleId::kDids056, "", "neither a NICIP code nor a SNOMED CT code is given");
            return;
        }
        const refdata::NicipCatalogue& catalogue = *v_.context_.catalogue;
        // Retirement is judged on the day of the examination.
        const Date on = facts_.test.value_or(v_.context_.submitted);

        const refdata::NicipEntry* exam = nullptr;
        if (!nicip.empty()) {
            const refdata::NicipEntry* entry = catalogue.FindNicip(nicip);
            const auto status = entry != nullptr ? catalogue.NicipStatus(*entry, on) : refdata::CodeStatus::kUnknown;
            if (status != refdata::CodeStatus::kUnknown) {
                exam = entry;
                if (status == refdata::CodeStatus::kInactive) {
                    Add(RuleId::kDids077, nicip,
                        fmt::format("NICIP code {} was retired on {}; it is accepted until {}", nicip,
                                    Iso(*entry->nicip_retired_on),
                                    Iso(entry->nicip_retired_on->AddDays(refdata::kRetirementGraceDays))));
                }
            } else if (const refdata::NicipEntry* local =
                           v_.context_.local_codes != nullptr ? v_.context_.local_codes->Find(nicip) : nullptr) {
                exam = local;
                facts_.local_code = true;
            } else if (entry != nullptr) {
                Add(RuleId::kDids057, nicip,
                    fmt::format("NICIP code {} was retired on {}, more than 183 days before the test", nicip,
                                Iso(*entry->nicip_retired_on)));
            } else {
                Add(RuleId::kDids057, nicip,
                    fmt::format("NICIP code '{}' is not in the NICIP catalogue and is not a local code notified by "
                                "this provider",
                                nicip));
            }
        }
        facts_.exam = exam;

        std::optional<uint64_t> snomed_id;
        if (!snomed.empty()) {
            snomed_id = CheckSnomed(snomed, on);
        }
        if (exam != nullptr && snomed_id && exam->snomed != *snomed_id) {
            Add(RuleId::kDids082, snomed,
                fmt::format("SNOMED CT code {} does not match NICIP code {}{}, which maps to {}", snomed, nicip,
                            facts_.local_code ? fmt::format(" (local code for {})", exam->code) : std::string(),
                            exam->snomed));
        }
    }

    // Returns the id when the code is valid on its own.
    std::optional<uint64_t> CheckSnomed(std::string_view snomed, Date on) {
        const bool digits = snomed.size() >= 6 && snomed.size() <= 18 &&
                            std::all_of(snomed.begin(), snomed.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits) {
            Add(RuleId::kDids059, snomed, fmt::format("SNOMED CT code '{}' is not 6 to 18 digits", snomed));
            return std::nullopt;
        }
        if (!core::VerhoeffValid(snomed)) {
            Add(RuleId::kDids059, snomed,
                fmt::format("SNOMED CT code {} has a wrong check digit (Verhoeff): mistyped?", snomed));
            return std::nullopt;
        }
        const std::string_view partition = snomed.substr(snomed.size() - 3, 2);
        if (partition != "00" && partition != "10") {
            Add(RuleId::kDids059, snomed,
                fmt::format("SNOMED CT id {} is not a concept (partition {}, expected 00 or 10)", snomed, partition));
            return std::nullopt;
        }
        const auto id = refdata::ParseSnomedId(snomed);
        const auto status = id ? v_.context_.catalogue->SnomedStatus(*id, on) : refdata::CodeStatus::kUnknown;
        if (status == refdata::CodeStatus::kUnknown) {
            Add(RuleId::kDids059, snomed,
                fmt::format("SNOMED CT code {} is not an imaging procedure in the catalogue (or was retired more "
                            "than 183 days before the test)",
                            snomed));
            return std::nullopt;
        }
        if (status == refdata::CodeStatus::kInactive) {
            Add(RuleId::kDids078, snomed,
                fmt::format("SNOMED CT code {} is retired; it is accepted for 183 days after retirement", snomed));
        }
        return id;
    }

    void CheckSite() {
        const std::string_view site = Get(Field::kSiteCode);
        if (site.empty()) {
            Add(RuleId::kDids067, "", "site code is missing");
            return;
        }
        if (!IsSiteCode(site)) {
            // Without organisation reference data, "known site" can only mean "well formed".
            Add(RuleId::kDids068, site,
                fmt::format("site code '{}' is not a known site: it is not an ODS site code", site));
            Add(RuleId::kDids069, site,
                fmt::format("site code '{}' is badly formed (5 upper-case letters or digits, e.g. RH802)", site));
        }
    }

    void CheckAccession() {
        const std::string_view accession = Get(Field::kAccessionNumber);
        if (accession.empty()) {
            Add(RuleId::kDids070, "", "accession number is missing");
            return;
        }
        const core::TextShape shape = core::ShapeOf(accession);
        if (shape.code_points > 20) {
            Add(RuleId::kDids072, accession,
                fmt::format("accession number is {} characters long; at most 20 are allowed", shape.code_points));
        } else if (shape.has_control) {
            Add(RuleId::kDids072, accession, "accession number holds a control character (tab, line break or similar)");
        }
    }

    const RecordValidator& v_;
    RecordFields fields_;
    uint64_t line_;
    std::vector<Finding>& findings_;
    RecordFacts& facts_;
    RecordOutcome outcome_ = RecordOutcome::kClean;
};

RecordOutcome RecordValidator::Validate(RecordFields fields, uint64_t line, std::vector<Finding>& findings,
                                        RecordFacts& facts) const {
    facts = RecordFacts{};
    return Pass(*this, fields, line, findings, facts).Run();
}

}  // namespace did::validate
