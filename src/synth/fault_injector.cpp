#include "synth/fault_injector.hpp"

#include <array>
#include <string>
#include <string_view>

#include "core/nhs_number.hpp"

namespace did::synth {

using core::Date;
using core::Field;
using validate::RuleId;

namespace {

std::string Iso(Date d) {
    return d.ToString();
}

void SetDate(SynthRecord& r, Field field, Date d) {
    r[field] = Iso(d);
}

// DIDS017 as RIS extracts get it wrong: lower case, and the right shape with a letter no
// postcode has in its place (one for each of the letter rules).
constexpr std::array<std::string_view, 7> kBadPostcodes = {
    "ls1 4ap",   // lower case
    "QA1 1AA",   // first letter never Q, V or X
    "AI1 1AA",   // second letter never I, J or Z
    "W1L 0AX",   // the letter of A9A is one of A B C D E F G H J K P S T U W
    "EC1C 1BB",  // the letter of AA9A is one of A B E H M N P R V W X Y
    "LS1 4AC",   // the inward code's letters are never C, I, K, M, O or V
    "M14 4OV",   //
};

}  // namespace

bool InjectFault(RuleId rule, const FaultContext& c, Random& random, SynthRecord& r) {
    const Date month_start = c.submitted.FirstOfMonth();
    switch (rule) {
        case RuleId::kDids001: {  // wrong check digit
            std::string& nhs = r[Field::kNhsNumber];
            if (nhs.size() != 10) nhs = "9990000050";
            const char right = nhs[9];
            nhs[9] = right == '9' ? '0' : static_cast<char>(right + 1);
            if (r[Field::kNhsNumberStatus].empty()) r[Field::kNhsNumberStatus] = "01";
            return true;
        }
        case RuleId::kDids002:
            r[Field::kNhsNumber] = "999 123 4567";
            return true;
        case RuleId::kDids003:
            r[Field::kNhsNumberStatus] = random.Chance(0.5) ? "1" : "09";
            return true;
        case RuleId::kDids005:
            r[Field::kBirthDate] = "1980-02-30";
            return true;
        case RuleId::kDids006:
            SetDate(r, Field::kBirthDate, r.test.AddDays(10));
            return true;
        case RuleId::kDids008:
            SetDate(r, Field::kBirthDate, r.report.AddDays(2));
            return true;
        case RuleId::kDids009:
            r[Field::kBirthDate] = "1899-05-01";
            return true;
        case RuleId::kDids010: {
            const Date request = r.test.AddMonths(-9);
            SetDate(r, Field::kRequestDate, request);
            SetDate(r, Field::kRequestReceivedDate, request);
            SetDate(r, Field::kBirthDate, request.AddMonths(7));
            return true;
        }
        case RuleId::kDids012:
            r[Field::kEthnicCategory] = random.Chance(0.5) ? "X" : "Q1";
            return true;
        case RuleId::kDids014:
            r[Field::kGender] = "3";
            return true;
        case RuleId::kDids017:
            r[Field::kPostcode] = kBadPostcodes[random.Below(kBadPostcodes.size())];
            return true;
        case RuleId::kDids018:
            r[Field::kGpPractice] = "A1234";
            return true;
        case RuleId::kDids020:
            r[Field::kSourceSetting] = "";
            return true;
        case RuleId::kDids021:
            r[Field::kSourceSetting] = "08";
            return true;
        case RuleId::kDids023:
            r[Field::kReferrerCode] = "DR SMITH";
            return true;
        case RuleId::kDids026:
            r[Field::kRequestDate] = "2026-13-01";
            return true;
        case RuleId::kDids027:
            SetDate(r, Field::kRequestDate, r.received.AddDays(1));
            return true;
        case RuleId::kDids028:
            SetDate(r, Field::kRequestDate, r.test.AddMonths(-13));
            return true;
        case RuleId::kDids031:
            r[Field::kRequestDate] = "1969-12-31";
            return true;
        case RuleId::kDids034:
            SetDate(r, Field::kRequestDate, r.test.AddDays(1));
            return true;
        case RuleId::kDids035:
            SetDate(r, Field::kReportIssueDate, r.request.AddDays(-1));
            return true;
        case RuleId::kDids036:
            r[Field::kRequestReceivedDate] = "2026-02-30";
            return true;
        case RuleId::kDids038:
            SetDate(r, Field::kRequestReceivedDate, r.test.AddMonths(-13));
            SetDate(r, Field::kRequestDate, r.test.AddMonths(-13));
            return true;
        case RuleId::kDids040: {
            const Date birth = r.test.AddDays(-10);
            SetDate(r, Field::kBirthDate, birth);
            SetDate(r, Field::kRequestReceivedDate, birth.AddMonths(-7));
            SetDate(r, Field::kRequestDate, birth.AddMonths(-7));
            return true;
        }
        case RuleId::kDids041:
            r[Field::kRequestReceivedDate] = "1969-06-01";
            r[Field::kRequestDate] = "1969-06-01";
            return true;
        case RuleId::kDids043:
            SetDate(r, Field::kRequestReceivedDate, r.test.AddDays(1));
            return true;
        case RuleId::kDids044:
            SetDate(r, Field::kRequestReceivedDate, r.report.AddDays(1));
            return true;
        case RuleId::kDids045:
            r[Field::kTestDate] = "2026-10-32";
            return true;
        case RuleId::kDids048:
            SetDate(r, Field::kReportIssueDate, r.test.AddDays(-1));
            return true;
        case RuleId::kDids049: {
            const Date test = month_start.AddMonths(-4);
            SetDate(r, Field::kTestDate, test);
            SetDate(r, Field::kRequestDate, test);
            SetDate(r, Field::kRequestReceivedDate, test);
            SetDate(r, Field::kReportIssueDate, test);
            return true;
        }
        case RuleId::kDids050:
            r[Field::kTestDate] = "";
            return true;
        case RuleId::kDids051:
            SetDate(r, Field::kTestDate, c.submitted.AddDays(5));
            return true;
        case RuleId::kDids055: {
            const Date test = month_start.AddMonths(-7);
            SetDate(r, Field::kTestDate, test);
            SetDate(r, Field::kRequestDate, test);
            SetDate(r, Field::kRequestReceivedDate, test);
            SetDate(r, Field::kReportIssueDate, test);
            return true;
        }
        case RuleId::kDids056:
            r[Field::kNicipCode] = "";
            r[Field::kSnomedCode] = "";
            return true;
        case RuleId::kDids057:
            r[Field::kNicipCode] = "XZZZZ";
            return true;
        case RuleId::kDids059: {
            std::string& snomed = r[Field::kSnomedCode];
            if (snomed.empty()) snomed = "399208008";
            snomed.back() = snomed.back() == '9' ? '0' : static_cast<char>(snomed.back() + 1);
            return true;
        }
        case RuleId::kDids061:
            r[Field::kReportIssueDate] = "2026-00-10";
            return true;
        case RuleId::kDids062:
            SetDate(r, Field::kReportIssueDate, r.test.AddMonths(1).AddDays(3));
            return true;
        case RuleId::kDids066:
            SetDate(r, Field::kReportIssueDate, c.submitted.AddDays(3));
            return true;
        case RuleId::kDids067:
            r[Field::kSiteCode] = "";
            return true;
        case RuleId::kDids068:
        case RuleId::kDids069:
            r[Field::kSiteCode] = "RH8O2X";
            return true;
        case RuleId::kDids070:
            r[Field::kAccessionNumber] = "";
            return true;
        case RuleId::kDids071:
            if (c.previous == nullptr || (*c.previous)[Field::kAccessionNumber].empty() ||
                (*c.previous)[Field::kSiteCode].empty()) {
                return false;
            }
            r[Field::kAccessionNumber] = (*c.previous)[Field::kAccessionNumber];
            r[Field::kSiteCode] = (*c.previous)[Field::kSiteCode];
            return true;
        case RuleId::kDids072:
            r[Field::kAccessionNumber] = "ACC-0000000000000000000001";
            return true;
        case RuleId::kDids073:
            for (Field f : {Field::kNhsNumber, Field::kBirthDate, Field::kEthnicCategory, Field::kGender,
                            Field::kPostcode, Field::kGpPractice}) {
                r[f] = "";
            }
            r[Field::kNhsNumberStatus] = "07";
            return true;
        case RuleId::kDids074:
            for (Field f :
                 {Field::kNhsNumber, Field::kBirthDate, Field::kEthnicCategory, Field::kGender, Field::kGpPractice}) {
                r[f] = "";
            }
            r[Field::kNhsNumberStatus] = "07";
            r[Field::kPostcode] = "NOT KNOWN";
            return true;
        case RuleId::kDids082: {
            // A valid NICIP code with the SNOMED CT concept of a different examination.
            const auto* chest = c.catalogue->FindNicip("XCHES");
            const auto* abdomen = c.catalogue->FindNicip("UABDO");
            if (chest == nullptr || abdomen == nullptr) return false;
            const bool is_chest = r[Field::kNicipCode] == "XCHES";
            r[Field::kNicipCode] = is_chest ? "UABDO" : "XCHES";
            r[Field::kSnomedCode] = std::to_string(is_chest ? chest->snomed : abdomen->snomed);
            return true;
        }
        case RuleId::kDidcPeriod: {
            const Date test = c.period_start.AddDays(-1);
            SetDate(r, Field::kTestDate, test);
            SetDate(r, Field::kRequestDate, test);
            SetDate(r, Field::kRequestReceivedDate, test);
            SetDate(r, Field::kReportIssueDate, test);
            return true;
        }
        default:
            return false;
    }
}

}  // namespace did::synth
