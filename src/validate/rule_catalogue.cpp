#include "validate/rule_catalogue.hpp"

namespace did::validate {
namespace {

using core::Field;
using enum Needs;
constexpr Severity kW = Severity::kWarn;
constexpr Severity kR = Severity::kReject;
constexpr Severity kF = Severity::kFile;

constexpr std::string_view kDemographics = "DEMOGRAPHICS";
constexpr std::string_view kImagingCodes = "IMAGING CODE (NICIP) / IMAGING CODE (SNOMED CT)";
constexpr std::string_view kWholeFile = "FILE";
constexpr std::string_view kWholeRecord = "RECORD";

// The one table. Order must follow RuleId (checked below).
constexpr std::array<RuleSpec, kRuleCount> kRules = {{
    {RuleId::kDids001, "DIDS001", kR, "NHS NUMBER", Field::kNhsNumber, "NHS number fails the Modulus 11 check",
     "10 digits that fail Modulus 11 (weights 10..2; check = 11 - sum mod 11; 11 -> 0; 10 never valid), or that read "
     "the same backwards (1234554321, 0000000000)",
     kFile},
    {RuleId::kDids002, "DIDS002", kR, "NHS NUMBER", Field::kNhsNumber, "NHS number is not 10 digits",
     "present and not exactly 10 ASCII digits (spaces inside are not allowed)", kFile},
    {RuleId::kDids003, "DIDS003", kR, "NHS NUMBER STATUS INDICATOR CODE", Field::kNhsNumberStatus,
     "NHS number status is not 01-08", "present and not one of 01 to 08", kFile},
    {RuleId::kDids005, "DIDS005", kR, "PERSON BIRTH DATE", Field::kBirthDate, "birth date is not a valid date",
     "present and not a valid CCYY-MM-DD date (or DID 2.0 timestamp)", kFile},
    {RuleId::kDids006, "DIDS006", kR, "PERSON BIRTH DATE", Field::kBirthDate, "birth date is after the test date",
     "birth date > test date", kFile},
    {RuleId::kDids008, "DIDS008", kR, "PERSON BIRTH DATE", Field::kBirthDate,
     "birth date is after the report issue date", "birth date > report issue date", kFile},
    {RuleId::kDids009, "DIDS009", kR, "PERSON BIRTH DATE", Field::kBirthDate, "birth date is on or before 1900-01-01",
     "birth date <= 1900-01-01", kFile},
    {RuleId::kDids010, "DIDS010", kR, "PERSON BIRTH DATE", Field::kBirthDate,
     "birth date is more than 6 months after the request date",
     "birth date > add_months(request date, 6): pre-birth requests are allowed up to 6 months", kFile},
    {RuleId::kDids012, "DIDS012", kR, "ETHNIC CATEGORY", Field::kEthnicCategory, "ethnic category is not a valid code",
     "present and neither 99 nor one of A-H, J-N, P, R, S, Z optionally followed by one letter or digit", kFile},
    {RuleId::kDids014, "DIDS014", kR, "PERSON GENDER CODE CURRENT", Field::kGender, "gender is not 0, 1, 2 or 9",
     "present and not 0, 1, 2 or 9", kFile},
    {RuleId::kDids016, "DIDS016", kR, "POSTCODE OF USUAL ADDRESS", Field::kPostcode,
     "postcode is not in the postcode directory",
     "well formed but not a live postcode in the ONS Postcode Directory (only when it is loaded)", kPostcodes},
    {RuleId::kDids017, "DIDS017", kR, "POSTCODE OF USUAL ADDRESS", Field::kPostcode,
     "postcode is not in a UK postcode format",
     "present and not outward code (A9, A99, AA9, AA99, A9A, AA9A), optional spaces, inward code (9AA), upper case, "
     "at most 8 characters, with letters by position: the first never Q, V or X; the second never I, J or Z; a "
     "letter third (A9A) one of A B C D E F G H J K P S T U W; a letter fourth (AA9A) one of A B E H M N P R V W X Y; "
     "the inward code's two letters never C, I, K, M, O or V. GIR 0AA and the NHS pseudo-postcodes ZZ99 9AA (no "
     "fixed abode, address not known, abroad) are accepted as they are",
     kFile},
    {RuleId::kDids018, "DIDS018", kR, "GENERAL MEDICAL PRACTICE CODE (PATIENT REGISTRATION)", Field::kGpPractice,
     "GP practice code is not a known practice",
     "present and not in the GP practice reference data; without it, not a letter followed by 5 digits", kFile},
    {RuleId::kDids020, "DIDS020", kR, "PATIENT SOURCE SETTING TYPE (DIAGNOSTIC IMAGING)", Field::kSourceSetting,
     "patient source setting is missing", "empty", kFile},
    {RuleId::kDids021, "DIDS021", kR, "PATIENT SOURCE SETTING TYPE (DIAGNOSTIC IMAGING)", Field::kSourceSetting,
     "patient source setting is not 01-07", "present and not one of 01 to 07", kFile},
    {RuleId::kDids023, "DIDS023", kW, "REFERRER CODE", Field::kReferrerCode,
     "referrer code is not a recognised format; stored as 99",
     "present and not C+7 digits, G+7 digits, D+6 digits, an NMC PIN (12A3456B), an HCPC registration (PH123456), "
     "R9999981 or 99; the stored value becomes 99",
     kFile},
    {RuleId::kDids024, "DIDS024", kR, "REFERRING ORGANISATION CODE", Field::kReferringOrg,
     "referring organisation is not a known organisation",
     "present and not in the organisation reference data (X99998 and X99999 allowed; only when it is loaded)",
     kOrganisations},
    {RuleId::kDids026, "DIDS026", kR, "DIAGNOSTIC TEST REQUEST DATE", Field::kRequestDate,
     "request date is not a valid date", "present and not a valid date", kFile},
    {RuleId::kDids027, "DIDS027", kR, "DIAGNOSTIC TEST REQUEST DATE", Field::kRequestDate,
     "request date is after the request received date", "request date > received date", kFile},
    {RuleId::kDids028, "DIDS028", kW, "DIAGNOSTIC TEST REQUEST DATE", Field::kRequestDate,
     "request date is more than a year before the test date", "request date < add_months(test date, -12)", kFile},
    {RuleId::kDids031, "DIDS031", kR, "DIAGNOSTIC TEST REQUEST DATE", Field::kRequestDate,
     "request date is before 1970", "request date < 1970-01-01", kFile},
    {RuleId::kDids034, "DIDS034", kR, "DIAGNOSTIC TEST REQUEST DATE", Field::kRequestDate,
     "request date is after the test date", "request date > test date", kFile},
    {RuleId::kDids035, "DIDS035", kR, "SERVICE REPORT ISSUE DATE", Field::kReportIssueDate,
     "report issue date is before the request date", "report issue date < request date", kFile},
    {RuleId::kDids036, "DIDS036", kR, "DIAGNOSTIC TEST REQUEST RECEIVED DATE", Field::kRequestReceivedDate,
     "request received date is not a valid date", "present and not a valid date", kFile},
    {RuleId::kDids038, "DIDS038", kW, "DIAGNOSTIC TEST REQUEST RECEIVED DATE", Field::kRequestReceivedDate,
     "request received date is more than a year before the test date", "received date < add_months(test date, -12)",
     kFile},
    {RuleId::kDids040, "DIDS040", kR, "DIAGNOSTIC TEST REQUEST RECEIVED DATE", Field::kRequestReceivedDate,
     "request received date is more than 6 months before the birth date", "received date < add_months(birth date, -6)",
     kFile},
    {RuleId::kDids041, "DIDS041", kR, "DIAGNOSTIC TEST REQUEST RECEIVED DATE", Field::kRequestReceivedDate,
     "request received date is before 1970", "received date < 1970-01-01", kFile},
    {RuleId::kDids043, "DIDS043", kR, "DIAGNOSTIC TEST REQUEST RECEIVED DATE", Field::kRequestReceivedDate,
     "request received date is after the test date", "received date > test date", kFile},
    {RuleId::kDids044, "DIDS044", kR, "DIAGNOSTIC TEST REQUEST RECEIVED DATE", Field::kRequestReceivedDate,
     "request received date is after the report issue date", "received date > report issue date", kFile},
    {RuleId::kDids045, "DIDS045", kR, "DIAGNOSTIC TEST DATE", Field::kTestDate, "test date is not a valid date",
     "present and not a valid date", kFile},
    {RuleId::kDids048, "DIDS048", kR, "SERVICE REPORT ISSUE DATE", Field::kReportIssueDate,
     "report issue date is before the test date", "report issue date < test date", kFile},
    {RuleId::kDids049, "DIDS049", kW, "DIAGNOSTIC TEST DATE", Field::kTestDate,
     "test date is more than 3 months before the submission month",
     "test date < add_months(first day of the submission month, -3)", kFile},
    {RuleId::kDids050, "DIDS050", kR, "DIAGNOSTIC TEST DATE", Field::kTestDate, "test date is missing", "empty", kFile},
    {RuleId::kDids051, "DIDS051", kR, "DIAGNOSTIC TEST DATE", Field::kTestDate,
     "test date is after the submission date", "test date > submission date", kFile},
    {RuleId::kDids055, "DIDS055", kR, "DIAGNOSTIC TEST DATE", Field::kTestDate,
     "test date is more than 6 months before the submission month",
     "test date < add_months(first day of the submission month, -6)", kFile},
    {RuleId::kDids056, "DIDS056", kR, kImagingCodes, std::nullopt, "neither a NICIP nor a SNOMED CT code is given",
     "both imaging code columns empty", kFile},
    {RuleId::kDids057, "DIDS057", kR, "IMAGING CODE (NICIP)", Field::kNicipCode,
     "NICIP code is not in the catalogue nor a notified local code",
     "present, not in the NICIP catalogue (or retired more than 183 days before the test date) and not a local code "
     "this provider has notified",
     kFile},
    {RuleId::kDids059, "DIDS059", kR, "IMAGING CODE (SNOMED CT)", Field::kSnomedCode,
     "SNOMED CT code is not a valid imaging concept",
     "present and not 6-18 digits, a wrong Verhoeff check digit, a partition other than 00 or 10, or not in the "
     "imaging SNOMED CT catalogue",
     kFile},
    {RuleId::kDids061, "DIDS061", kR, "SERVICE REPORT ISSUE DATE", Field::kReportIssueDate,
     "report issue date is not a valid date", "present and not a valid date", kFile},
    {RuleId::kDids062, "DIDS062", kW, "SERVICE REPORT ISSUE DATE", Field::kReportIssueDate,
     "report issued more than a month after the test", "report issue date > add_months(test date, 1)", kFile},
    {RuleId::kDids066, "DIDS066", kR, "SERVICE REPORT ISSUE DATE", Field::kReportIssueDate,
     "report issue date is after the submission date", "report issue date > submission date", kFile},
    {RuleId::kDids067, "DIDS067", kR, "SITE CODE (OF IMAGING)", Field::kSiteCode, "site code is missing", "empty",
     kFile},
    {RuleId::kDids068, "DIDS068", kR, "SITE CODE (OF IMAGING)", Field::kSiteCode, "site code is not a known site",
     "present and not in the organisation reference data; without it, not 5 upper-case letters or digits", kFile},
    {RuleId::kDids069, "DIDS069", kR, "SITE CODE (OF IMAGING)", Field::kSiteCode, "site code is badly formed",
     "present and not 5 upper-case letters or digits", kFile},
    {RuleId::kDids070, "DIDS070", kR, "RADIOLOGICAL ACCESSION NUMBER", Field::kAccessionNumber,
     "accession number is missing", "empty", kFile},
    {RuleId::kDids071, "DIDS071", kR, "RADIOLOGICAL ACCESSION NUMBER", Field::kAccessionNumber,
     "accession number and site repeat an earlier record",
     "the same (accession number, site code) pair, compared exactly, appeared on an earlier record (rejected ones "
     "included); every later occurrence is rejected",
     kFile},
    {RuleId::kDids072, "DIDS072", kR, "RADIOLOGICAL ACCESSION NUMBER", Field::kAccessionNumber,
     "accession number is too long or holds control characters",
     "more than 20 characters (code points) or any Unicode control character (Cc: tab, CR, LF included)", kFile},
    {RuleId::kDids073, "DIDS073", kR, kDemographics, std::nullopt, "no demographic item at all",
     "none of NHS number, birth date, ethnic category, gender, postcode, GP practice present", kFile},
    {RuleId::kDids074, "DIDS074", kR, "POSTCODE OF USUAL ADDRESS", Field::kPostcode,
     "the only demographic item is an invalid postcode",
     "postcode is the only demographic item given and it fails DIDS017 (or DIDS016)", kFile},
    {RuleId::kDids075, "DIDS075", kF, kWholeFile, std::nullopt, "a line does not have 18 columns",
     "a line with a column count other than 18, an unreadable quoted field, an empty line followed by records, or "
     "lines ended by a lone CR (Excel's 'CSV (Macintosh)': the file is one line; reported once, nothing else checked)",
     kFile},
    {RuleId::kDids076, "DIDS076", kF, kWholeFile, std::nullopt, "the XML file is not of the DID structure",
     "an XML file not of the structure of docs/did-submission.xsd: a root other than DIDS, an element the "
     "structure does not have, an item outside its group, a group out of order or twice, a DIDSRecord without "
     "ImagingActivity, an item twice, an element inside an item, text where a group belongs, an attribute outside "
     "the root, any DOCTYPE, an item over 4 KiB, or not well-formed or cut short; reported once with its line and "
     "column, nothing else checked",
     kXml},
    {RuleId::kDids077, "DIDS077", kW, "IMAGING CODE (NICIP)", Field::kNicipCode,
     "NICIP code is retired (still accepted for 183 days)",
     "retired on or before the test date, and at most 183 days before it", kFile},
    {RuleId::kDids078, "DIDS078", kW, "IMAGING CODE (SNOMED CT)", Field::kSnomedCode,
     "SNOMED CT code is retired (still accepted for 183 days)",
     "retired on or before the test date, and at most 183 days before it", kFile},
    {RuleId::kDids079, "DIDS079", kW, "REFERRING ORGANISATION CODE", Field::kReferringOrg,
     "referring organisation was not open on the request date",
     "organisation closed or not yet open on the request date (or the test date without one)", kOrganisations},
    {RuleId::kDids080, "DIDS080", kW, "GENERAL MEDICAL PRACTICE CODE (PATIENT REGISTRATION)", Field::kGpPractice,
     "GP practice was not open on the test date", "practice closed or not yet open on the test date", kOrganisations},
    {RuleId::kDids081, "DIDS081", kW, "SITE CODE (OF IMAGING)", Field::kSiteCode, "site was not open on the test date",
     "site closed or not yet open on the test date", kOrganisations},
    {RuleId::kDids082, "DIDS082", kR, "IMAGING CODE (SNOMED CT)", Field::kSnomedCode,
     "NICIP and SNOMED CT codes are not a catalogue pair",
     "both given, each valid alone, and the SNOMED CT code is not the one the NICIP code (or the NICIP code a local "
     "code stands for) maps to",
     kFile},
    {RuleId::kDidcPeriod, "DIDC-PERIOD", kR, "DIAGNOSTIC TEST DATE", Field::kTestDate,
     "test date is outside the reporting period", "valid test date not in the reporting period's month", kPeriod},
    {RuleId::kDidcSite, "DIDC-SITE", kR, "SITE CODE (OF IMAGING)", Field::kSiteCode,
     "site does not belong to the submitting provider",
     "site belongs neither to the provider nor to an organisation it submits for under a recorded agreement",
     kSubmitter},
    {RuleId::kDidcExcluded, "DIDC-EXCLUDED", kW, "SITE CODE (OF IMAGING)", Field::kSiteCode,
     "excluded activity (e.g. breast screening): kept out of the counts",
     "site or imaging code configured as excluded activity", kExclusions},
    {RuleId::kDidcDuplicateProvider, "DIDC-DUPLICATE-PROVIDER", kW, kWholeRecord, std::nullopt,
     "the same examination was already accepted from another provider",
     "same NHS number, test date, imaging code and site already accepted from another provider", kStore},
    {RuleId::kDidcControl, "DIDC-CONTROL", kR, kWholeRecord, std::nullopt,
     "a field holds a control character (NUL, tab, line break or similar)",
     "any field but the accession number (DIDS072 covers it) holds a Unicode control character (Cc: U+0000-U+001F, "
     "U+007F-U+009F), tab, CR and LF included, whether quoted or not; one finding per field, naming it",
     kFile},
    {RuleId::kDidcEncoding, "DIDC-ENCODING", kF, kWholeFile, std::nullopt, "the file is not UTF-8",
     "a byte sequence that is not strict UTF-8, or a UTF-16 file (a byte-order mark FF FE or FE FF, or a zero in every "
     "other byte); nothing else is checked",
     kFile},
    {RuleId::kDidcEmpty, "DIDC-EMPTY", kF, kWholeFile, std::nullopt, "the file has no records",
     "no data line after the header and trailing empty lines", kFile},
    {RuleId::kDidcHeader, "DIDC-HEADER", kF, kWholeFile, std::nullopt,
     "the header row names unknown or misplaced columns",
     "a header row whose names do not match the 18 columns position by position", kFile},
}};

constexpr bool TableFollowsEnumOrder() {
    for (size_t i = 0; i < kRules.size(); ++i) {
        if (static_cast<size_t>(Index(kRules[i].id)) != i) return false;
    }
    return true;
}
static_assert(TableFollowsEnumOrder(), "kRules must list the rules in RuleId order");

}  // namespace

std::string_view SeverityName(Severity severity) {
    switch (severity) {
        case Severity::kWarn:
            return "warn";
        case Severity::kReject:
            return "reject";
        case Severity::kFile:
            return "file";
    }
    return "?";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
    for (Severity s : {Severity::kWarn, Severity::kReject, Severity::kFile}) {
        if (SeverityName(s) == name) return s;
    }
    return std::nullopt;
}

std::string_view NeedsDescription(Needs needs) {
    switch (needs) {
        case kFile:
            return "the file";
        case kPeriod:
            return "the reporting period (--period)";
        case kOrganisations:
            return "ODS organisation reference data";
        case kPostcodes:
            return "the ONS Postcode Directory";
        case kSubmitter:
            return "the submitting provider and its agreements";
        case kExclusions:
            return "the excluded-activity configuration";
        case kStore:
            return "other providers' stored submissions";
        case kXml:
            return "an XML submission";
    }
    return "?";
}

const RuleCatalogue& RuleCatalogue::Standard() {
    static const RuleCatalogue catalogue = [] {
        RuleCatalogue c;
        for (size_t i = 0; i < kRules.size(); ++i) c.specs_[i] = kRules[i];
        return c;
    }();
    return catalogue;
}

std::optional<RuleId> RuleCatalogue::Find(std::string_view code) const {
    for (const RuleSpec& spec : specs_) {
        if (spec.code == code) return spec.id;
    }
    return std::nullopt;
}

Severity RuleCatalogue::SeverityOn(RuleId id, core::Date submitted) const {
    const auto& change = Change(id);
    return change && submitted >= change->on ? change->severity : Spec(id).severity;
}

RuleCatalogue RuleCatalogue::WithSeverityChange(RuleId id, core::Date on, Severity severity) const {
    RuleCatalogue copy = *this;
    copy.changes_[static_cast<size_t>(Index(id))] = SeverityChange{on, severity};
    return copy;
}

}  // namespace did::validate
