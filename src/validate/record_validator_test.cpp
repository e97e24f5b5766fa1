#include "validate/record_validator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace did::validate {
namespace {

using core::Field;

// `before`, a NUL, `after`.
std::string Nul(const std::string& before, const std::string& after) {
    return before + '\0' + after;
}

// A record that passes every rule, submitted on 2026-11-05 for 2026-10.
std::array<std::string, core::kFieldCount> GoodRecord() {
    return {"4010232137", "01",    "1980-05-17", "A",          "1",          "LS1 4AP",
            "B82005",     "04",    "G1234567",   "B82005",     "2026-10-01", "2026-10-02",
            "2026-10-10", "XCHES", "399208008",  "2026-10-11", "RH802",      "ACC0001"};
}

class RecordValidatorTest : public ::testing::Test {
  protected:
    RecordValidatorTest() {
        context_.submitted = *core::Date::Parse("2026-11-05");
        context_.period = core::Period::Parse("2026-10");
    }

    // The findings for a record changed by `edits`.
    std::vector<Finding> Findings(const std::map<Field, std::string>& edits, RecordOutcome* outcome = nullptr,
                                  RecordFacts* facts_out = nullptr) {
        auto record = GoodRecord();
        for (const auto& [field, value] : edits) record[core::Index(field)] = value;
        std::array<std::string_view, core::kFieldCount> views;
        for (size_t i = 0; i < core::kFieldCount; ++i) views[i] = record[i];
        RecordValidator validator(context_);
        std::vector<Finding> findings;
        RecordFacts facts;
        const RecordOutcome result = validator.Validate(views, 7, findings, facts);
        if (outcome != nullptr) *outcome = result;
        if (facts_out != nullptr) *facts_out = facts;
        return findings;
    }

    // The rule ids found for a record changed by `edits`.
    std::set<std::string> Check(const std::map<Field, std::string>& edits, RecordOutcome* outcome = nullptr,
                                RecordFacts* facts_out = nullptr) {
        const std::vector<Finding> findings = Findings(edits, outcome, facts_out);
        std::set<std::string> found;
        for (const Finding& f : findings) {
            EXPECT_EQ(f.line, 7u);
            EXPECT_FALSE(f.message.empty());
            found.insert(std::string(context_.rules->Spec(f.rule).code));
        }
        EXPECT_TRUE(std::is_sorted(findings.begin(), findings.end(),
                                   [](const Finding& a, const Finding& b) { return a.rule < b.rule; }));
        return found;
    }

    ValidationContext context_;
};

using RuleSet = std::set<std::string>;

TEST_F(RecordValidatorTest, TheGoodRecordPasses) {
    RecordOutcome outcome;
    EXPECT_EQ(Check({}, &outcome), RuleSet{});
    EXPECT_EQ(outcome, RecordOutcome::kClean);
}

TEST_F(RecordValidatorTest, NhsNumber) {
    EXPECT_EQ(Check({{Field::kNhsNumber, "4010232138"}}), RuleSet{"DIDS001"});
    EXPECT_EQ(Check({{Field::kNhsNumber, "1234567890"}}), RuleSet{"DIDS001"});
    EXPECT_EQ(Check({{Field::kNhsNumber, "1234554321"}}), RuleSet{"DIDS001"});
    EXPECT_EQ(Check({{Field::kNhsNumber, "0000000000"}}), RuleSet{"DIDS001"});
    EXPECT_EQ(Check({{Field::kNhsNumber, "401023213"}}), RuleSet{"DIDS002"});
    EXPECT_EQ(Check({{Field::kNhsNumber, "401 023 2137"}}), RuleSet{"DIDS002"});
    EXPECT_EQ(Check({{Field::kNhsNumber, "9434765919"}}), RuleSet{});
    EXPECT_EQ(Check({{Field::kNhsNumber, ""}}), RuleSet{});  // another demographic item is present
}

TEST_F(RecordValidatorTest, NhsNumberStatus) {
    for (const char* bad : {"1", "00", "09", "1 ", "A1"})
        EXPECT_EQ(Check({{Field::kNhsNumberStatus, bad}}), RuleSet{"DIDS003"}) << bad;
    for (const char* ok : {"01", "08", ""}) EXPECT_EQ(Check({{Field::kNhsNumberStatus, ok}}), RuleSet{}) << ok;
}

TEST_F(RecordValidatorTest, BirthDate) {
    EXPECT_EQ(Check({{Field::kBirthDate, "1980-02-30"}}), RuleSet{"DIDS005"});
    EXPECT_EQ(Check({{Field::kBirthDate, "2026-10-11"}}), RuleSet{"DIDS006"});
    EXPECT_EQ(Check({{Field::kBirthDate, "2026-10-12"}}), (RuleSet{"DIDS006", "DIDS008"}));
    EXPECT_EQ(Check({{Field::kBirthDate, "1900-01-01"}}), RuleSet{"DIDS009"});
    EXPECT_EQ(Check({{Field::kBirthDate, "1900-01-02"}}), RuleSet{});
    EXPECT_EQ(Check({{Field::kBirthDate, "2026-10-10"}}), RuleSet{});  // born on the day of the test
}

TEST_F(RecordValidatorTest, PreBirthRequestsUpToSixMonths) {
    const std::map<Field, std::string> base = {{Field::kRequestDate, "2026-04-10"},
                                               {Field::kRequestReceivedDate, "2026-04-10"}};
    auto with_birth = [&](const char* birth) {
        auto edits = base;
        edits[Field::kBirthDate] = birth;
        return Check(edits);
    };
    EXPECT_EQ(with_birth("2026-10-10"), RuleSet{});         // exactly 6 months after the request
    EXPECT_EQ(with_birth("2026-10-10T08:00Z"), RuleSet{});  // a timestamp compares by its date
    auto later = base;
    later[Field::kRequestDate] = "2026-04-09";
    later[Field::kRequestReceivedDate] = "2026-04-09";
    later[Field::kBirthDate] = "2026-10-10";
    EXPECT_EQ(Check(later), (RuleSet{"DIDS010", "DIDS040"}));  // also received > 6 months before birth
}

TEST_F(RecordValidatorTest, CodedDemographics) {
    for (const char* bad : {"X", "I", "O", "Q", "T", "A12", "a", "9", "A-"}) {
        EXPECT_EQ(Check({{Field::kEthnicCategory, bad}}), RuleSet{"DIDS012"}) << bad;
    }
    for (const char* ok : {"99", "Z", "Z9", "Ab", "S1", "N", "P", "R"}) {
        EXPECT_EQ(Check({{Field::kEthnicCategory, ok}}), RuleSet{}) << ok;
    }
    for (const char* bad : {"3", "M", "01", "F"}) EXPECT_EQ(Check({{Field::kGender, bad}}), RuleSet{"DIDS014"}) << bad;
    for (const char* ok : {"0", "1", "2", "9"}) EXPECT_EQ(Check({{Field::kGender, ok}}), RuleSet{}) << ok;
    for (const char* bad : {"ls1 4ap", "LS1 4A", "LS1-4AP"}) {
        EXPECT_EQ(Check({{Field::kPostcode, bad}}), RuleSet{"DIDS017"}) << bad;
    }
    for (const char* bad : {"B8200", "82005B", "b82005", "B820055"}) {
        EXPECT_EQ(Check({{Field::kGpPractice, bad}}), RuleSet{"DIDS018"}) << bad;
    }
}

// DIDS017 by letter position: each rule refuses one postcode and lets its neighbour through.
TEST_F(RecordValidatorTest, PostcodeLettersByPosition) {
    const std::pair<const char*, const char*> bad_and_good[] = {
        {"QA1 1AA", "PA1 1AA"},    // first letter never Q, V or X
        {"V1A 1AA", "W1A 1AA"},    //
        {"XA1 1AA", "YA1 1AA"},    //
        {"AI1 1AA", "AL1 1AA"},    // second letter never I, J or Z
        {"BJ1 1AA", "BT1 1AA"},    //
        {"SZ1A 1AA", "SW1A 1AA"},  //
        {"W1L 0AX", "W1K 0AX"},    // third letter (A9A) one of A B C D E F G H J K P S T U W
        {"EC1C 1BB", "EC1A 1BB"},  // fourth letter (AA9A) one of A B E H M N P R V W X Y
        {"LS1 4AC", "LS1 4AP"},    // inward letters never C, I, K, M, O or V
        {"LS1 4IA", "LS1 4JA"},    //
        {"LS1 4KA", "LS1 4LA"},    //
        {"LS1 4AM", "LS1 4AN"},    //
        {"LS1 4OA", "LS1 4PA"},    //
        {"LS1 4AV", "LS1 4AW"},    //
    };
    for (const auto& [bad, good] : bad_and_good) {
        EXPECT_EQ(Check({{Field::kPostcode, bad}}), RuleSet{"DIDS017"}) << bad;
        EXPECT_EQ(Check({{Field::kPostcode, good}}), RuleSet{}) << good;
    }
    const auto findings = Findings({{Field::kPostcode, "LS1 4AC"}});
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].value, "LS1 4AC");
    EXPECT_EQ(findings[0].message,
              "postcode 'LS1 4AC' is not in a UK postcode format: the inward code's letters are never C, I, K, M, O "
              "or V");
}

// Girobank, the NHS pseudo-postcodes, case and spacing: as before the letter rules.
TEST_F(RecordValidatorTest, PostcodeExceptionsCaseAndSpacing) {
    for (const char* ok : {"GIR 0AA", "GIR0AA", "ZZ99 3VZ", "ZZ99 3WZ", "LS14AP", "LS1  4AP", "EC1A1BB", "M1   1AE"}) {
        EXPECT_EQ(Check({{Field::kPostcode, ok}}), RuleSet{}) << ok;
    }
    for (const char* bad : {"gir 0aa", "ls1 4ap", "Ls1 4AP", "qa1 1aa", "LS1   4AP", "LS1 4 AP"}) {
        EXPECT_EQ(Check({{Field::kPostcode, bad}}), RuleSet{"DIDS017"}) << bad;
    }
    const auto findings = Findings({{Field::kPostcode, "ls1 4ap"}});
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].message, "postcode 'ls1 4ap' is not in a UK postcode format (upper case, e.g. LS1 4AP)");
}

TEST_F(RecordValidatorTest, DemographicsMustNotAllBeMissing) {
    std::map<Field, std::string> none = {{Field::kNhsNumber, ""}, {Field::kBirthDate, ""}, {Field::kEthnicCategory, ""},
                                         {Field::kGender, ""},    {Field::kPostcode, ""},  {Field::kGpPractice, ""}};
    EXPECT_EQ(Check(none), RuleSet{"DIDS073"});
    auto only_bad_postcode = none;
    only_bad_postcode[Field::kPostcode] = "UNKNOWN";
    EXPECT_EQ(Check(only_bad_postcode), (RuleSet{"DIDS017", "DIDS074"}));
    auto only_good_postcode = none;
    only_good_postcode[Field::kPostcode] = "LS1 4AP";
    EXPECT_EQ(Check(only_good_postcode), RuleSet{});
    auto bad_postcode_and_gender = only_bad_postcode;
    bad_postcode_and_gender[Field::kGender] = "2";
    EXPECT_EQ(Check(bad_postcode_and_gender), RuleSet{"DIDS017"});
}

TEST_F(RecordValidatorTest, SourceSettingAndReferrer) {
    EXPECT_EQ(Check({{Field::kSourceSetting, ""}}), RuleSet{"DIDS020"});
    for (const char* bad : {"08", "4", "00", "4 "})
        EXPECT_EQ(Check({{Field::kSourceSetting, bad}}), RuleSet{"DIDS021"}) << bad;
    RecordOutcome outcome;
    RecordFacts facts;
    EXPECT_EQ(Check({{Field::kReferrerCode, "DR SMITH"}}, &outcome, &facts), RuleSet{"DIDS023"});
    EXPECT_EQ(outcome, RecordOutcome::kWarned);
    EXPECT_TRUE(facts.referrer_unknown);
    for (const char* ok : {"C1234567", "G1234567", "D123456", "12A3456B", "PH123456", "R9999981", "99", ""}) {
        EXPECT_EQ(Check({{Field::kReferrerCode, ok}}), RuleSet{}) << ok;
    }
    for (const char* bad : {"C123456", "c1234567", "D1234567", "1A23456B", "P1234567", "G12345678"}) {
        EXPECT_EQ(Check({{Field::kReferrerCode, bad}}), RuleSet{"DIDS023"}) << bad;
    }
}

TEST_F(RecordValidatorTest, RequestDates) {
    EXPECT_EQ(Check({{Field::kRequestDate, "2026-02-29"}}), RuleSet{"DIDS026"});
    EXPECT_EQ(Check({{Field::kRequestDate, "2026-10-03"}}), RuleSet{"DIDS027"});
    EXPECT_EQ(Check({{Field::kRequestDate, "2025-10-09"}}), RuleSet{"DIDS028"});
    EXPECT_EQ(Check({{Field::kRequestDate, "2025-10-10"}}), RuleSet{});  // exactly a year before the test
    EXPECT_EQ(Check({{Field::kRequestDate, "1969-12-31"}}), (RuleSet{"DIDS010", "DIDS028", "DIDS031"}));  // born 1980
    EXPECT_EQ(Check({{Field::kRequestDate, "1969-12-31"}, {Field::kBirthDate, "1960-01-01"}}),
              (RuleSet{"DIDS028", "DIDS031"}));
    EXPECT_EQ(Check({{Field::kRequestDate, "2026-10-11"}}), (RuleSet{"DIDS027", "DIDS034"}));
    EXPECT_EQ(Check({{Field::kReportIssueDate, "2026-09-30"}}), (RuleSet{"DIDS035", "DIDS044", "DIDS048"}));
}

TEST_F(RecordValidatorTest, ReceivedDates) {
    EXPECT_EQ(Check({{Field::kRequestReceivedDate, "2026-10-32"}}), RuleSet{"DIDS036"});
    EXPECT_EQ(Check({{Field::kRequestReceivedDate, "2025-10-09"}, {Field::kRequestDate, "2025-10-09"}}),
              (RuleSet{"DIDS028", "DIDS038"}));
    EXPECT_EQ(Check({{Field::kBirthDate, "2026-10-05"},
                     {Field::kRequestReceivedDate, "2026-04-04"},
                     {Field::kRequestDate, "2026-04-04"}}),
              (RuleSet{"DIDS010", "DIDS040"}));
    EXPECT_EQ(Check({{Field::kBirthDate, "2026-10-05"},
                     {Field::kRequestReceivedDate, "2026-04-05"},
                     {Field::kRequestDate, "2026-04-05"}}),
              RuleSet{});
    EXPECT_EQ(Check({{Field::kRequestReceivedDate, "1969-12-31"},
                     {Field::kRequestDate, "1969-12-31"},
                     {Field::kBirthDate, "1960-01-01"}}),
              (RuleSet{"DIDS028", "DIDS031", "DIDS038", "DIDS041"}));
    EXPECT_EQ(Check({{Field::kRequestReceivedDate, "2026-10-11"}}), RuleSet{"DIDS043"});
    EXPECT_EQ(Check({{Field::kRequestReceivedDate, "2026-10-12"}}), (RuleSet{"DIDS043", "DIDS044"}));
}

TEST_F(RecordValidatorTest, TestDates) {
    EXPECT_EQ(Check({{Field::kTestDate, "2026-10-10T25:00Z"}}), RuleSet{"DIDS045"});
    EXPECT_EQ(Check({{Field::kTestDate, ""}}), RuleSet{"DIDS050"});
    EXPECT_EQ(Check({{Field::kReportIssueDate, "2026-10-09"}}), RuleSet{"DIDS048"});
    const std::map<Field, std::string> july = {{Field::kRequestDate, "2026-07-30"},
                                               {Field::kRequestReceivedDate, "2026-07-30"},
                                               {Field::kTestDate, "2026-07-31"},
                                               {Field::kReportIssueDate, "2026-07-31"}};
    EXPECT_EQ(Check(july), (RuleSet{"DIDS049", "DIDC-PERIOD"}));
    auto august = july;
    august[Field::kTestDate] = "2026-08-01";
    august[Field::kReportIssueDate] = "2026-08-01";
    EXPECT_EQ(Check(august), RuleSet{"DIDC-PERIOD"});  // exactly 3 months before the submission month
    EXPECT_EQ(Check({{Field::kTestDate, "2026-11-06"}, {Field::kReportIssueDate, "2026-11-06"}}),
              (RuleSet{"DIDS051", "DIDS066", "DIDC-PERIOD"}));
    EXPECT_EQ(Check({{Field::kRequestDate, "2026-04-29"},
                     {Field::kRequestReceivedDate, "2026-04-29"},
                     {Field::kTestDate, "2026-04-30"},
                     {Field::kReportIssueDate, "2026-04-30"}}),
              (RuleSet{"DIDS049", "DIDS055", "DIDC-PERIOD"}));
    EXPECT_EQ(Check({{Field::kRequestDate, "2026-04-29"},
                     {Field::kRequestReceivedDate, "2026-04-29"},
                     {Field::kTestDate, "2026-05-01"},
                     {Field::kReportIssueDate, "2026-05-01"}}),
              (RuleSet{"DIDS049", "DIDC-PERIOD"}));
    EXPECT_EQ(Check({{Field::kTestDate, "2026-09-30"},
                     {Field::kRequestDate, "2026-09-29"},
                     {Field::kRequestReceivedDate, "2026-09-29"}}),
              RuleSet{"DIDC-PERIOD"});
}

TEST_F(RecordValidatorTest, ReportDates) {
    EXPECT_EQ(Check({{Field::kReportIssueDate, "2026-13-01"}}), RuleSet{"DIDS061"});
    EXPECT_EQ(Check({{Field::kRequestDate, "2026-09-20"},
                     {Field::kRequestReceivedDate, "2026-09-21"},
                     {Field::kTestDate, "2026-10-01"},
                     {Field::kReportIssueDate, "2026-11-02"}}),
              RuleSet{"DIDS062"});
    EXPECT_EQ(Check({{Field::kRequestDate, "2026-09-20"},
                     {Field::kRequestReceivedDate, "2026-09-21"},
                     {Field::kTestDate, "2026-10-01"},
                     {Field::kReportIssueDate, "2026-11-01"}}),
              RuleSet{});
    EXPECT_EQ(Check({{Field::kReportIssueDate, "2026-11-06"}}), RuleSet{"DIDS066"});
}

TEST_F(RecordValidatorTest, InvalidDatesAreNotCompared) {
    EXPECT_EQ(Check({{Field::kTestDate, "10/10/2026"}, {Field::kReportIssueDate, "2026-01-01"}}),
              (RuleSet{"DIDS035", "DIDS044", "DIDS045"}));
}

TEST_F(RecordValidatorTest, ImagingCodes) {
    EXPECT_EQ(Check({{Field::kNicipCode, ""}, {Field::kSnomedCode, ""}}), RuleSet{"DIDS056"});
    EXPECT_EQ(Check({{Field::kNicipCode, "XCHEZ"}}), RuleSet{"DIDS057"});
    EXPECT_EQ(Check({{Field::kNicipCode, "xches"}}), RuleSet{"DIDS057"});
    EXPECT_EQ(Check({{Field::kNicipCode, ""}}), RuleSet{});
    EXPECT_EQ(Check({{Field::kSnomedCode, ""}}), RuleSet{});
    for (const char* bad : {"399208009", "12345", "399208012", "22298006", "0399208008", "39920800X"}) {
        EXPECT_EQ(Check({{Field::kSnomedCode, bad}}), RuleSet{"DIDS059"}) << bad;
    }
    EXPECT_EQ(Check({{Field::kSnomedCode, "45036003"}}), RuleSet{"DIDS082"});
    // Shared SNOMED CT concepts: each wrist code maps to 60027007.
    EXPECT_EQ(Check({{Field::kNicipCode, "XWRIL"}, {Field::kSnomedCode, "60027007"}}), RuleSet{});
    // DIDS082 needs both codes valid on their own.
    EXPECT_EQ(Check({{Field::kNicipCode, "XCHEZ"}, {Field::kSnomedCode, "45036003"}}), RuleSet{"DIDS057"});
}

TEST_F(RecordValidatorTest, SiteAndAccession) {
    EXPECT_EQ(Check({{Field::kSiteCode, ""}}), RuleSet{"DIDS067"});
    for (const char* bad : {"RH80", "rh802", "RH8021", "RH 02"}) {
        EXPECT_EQ(Check({{Field::kSiteCode, bad}}), (RuleSet{"DIDS068", "DIDS069"})) << bad;
    }
    EXPECT_EQ(Check({{Field::kSiteCode, "8A718"}}), RuleSet{});
    EXPECT_EQ(Check({{Field::kAccessionNumber, ""}}), RuleSet{"DIDS070"});
    EXPECT_EQ(Check({{Field::kAccessionNumber, "123456789012345678901"}}), RuleSet{"DIDS072"});
    EXPECT_EQ(Check({{Field::kAccessionNumber, "12345678901234567890"}}), RuleSet{});
    EXPECT_EQ(Check({{Field::kAccessionNumber, "ACC 0001 X"}}), RuleSet{});  // inner spaces are fine
    EXPECT_EQ(Check({{Field::kAccessionNumber, "ACC\t1"}}), RuleSet{"DIDS072"});
    // 20 characters, 40 bytes: counts characters, not bytes.
    EXPECT_EQ(Check({{Field::kAccessionNumber,
                      "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                      "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                      "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"}}),
              RuleSet{});
}

TEST_F(RecordValidatorTest, AControlCharacterInAnyFieldRejectsTheRecord) {
    // A NUL where it breaks a format, where nothing else is checked (no ODS data: the
    // referring organisation is not looked up), and where a bad value is only a warning.
    RecordOutcome outcome;
    EXPECT_EQ(Check({{Field::kNhsNumber, Nul("401", "0232137")}}, &outcome), (RuleSet{"DIDS002", "DIDC-CONTROL"}));
    EXPECT_EQ(outcome, RecordOutcome::kRejected);
    EXPECT_EQ(Check({{Field::kReferringOrg, Nul("B82", "005")}}, &outcome), RuleSet{"DIDC-CONTROL"});
    EXPECT_EQ(outcome, RecordOutcome::kRejected);
    EXPECT_EQ(Check({{Field::kReferrerCode, Nul("G123", "4567")}}, &outcome), (RuleSet{"DIDS023", "DIDC-CONTROL"}));
    EXPECT_EQ(outcome, RecordOutcome::kRejected);  // DIDS023 alone would keep it, as referrer 99
    EXPECT_EQ(Check({{Field::kGender, "\t1"}}), (RuleSet{"DIDS014", "DIDC-CONTROL"}));
    EXPECT_EQ(Check({{Field::kPostcode, "LS1\xC2\x85 4AP"}}), (RuleSet{"DIDS017", "DIDC-CONTROL"}));  // U+0085

    // One finding per field, naming it and the character, which the value shows visibly.
    const auto findings = Findings({{Field::kBirthDate, Nul("198", "-05-17")}, {Field::kSiteCode, "RH802\r"}});
    std::vector<const Finding*> control;
    for (const Finding& f : findings) {
        if (f.rule == RuleId::kDidcControl) control.push_back(&f);
        EXPECT_EQ(f.value.find('\0'), std::string::npos) << f.message;
        EXPECT_EQ(f.message.find('\0'), std::string::npos) << f.message;
        EXPECT_EQ(f.message.find('\r'), std::string::npos) << f.message;
    }
    ASSERT_EQ(control.size(), 2u);
    EXPECT_EQ(control[0]->value, "198<NUL>-05-17");
    EXPECT_EQ(control[0]->message,
              "PERSON BIRTH DATE holds a control character, NUL (U+0000), at character 4; no field may hold one");
    EXPECT_EQ(control[1]->value, "RH802<CR>");
    EXPECT_NE(control[1]->message.find("SITE CODE (OF IMAGING) holds a control character, CR (U+000D), at character 6"),
              std::string::npos);
    const auto two = Findings({{Field::kGpPractice, Nul("B8", Nul("20", "5"))}});
    ASSERT_FALSE(two.empty());
    EXPECT_NE(two.back().message.find("at character 3 (and 1 more)"), std::string::npos) << two.back().message;

    // The accession number is DIDS072's, not counted twice; its message names the character too.
    const auto accession = Findings({{Field::kAccessionNumber, Nul("ACC", "1")}});
    ASSERT_EQ(accession.size(), 1u);
    EXPECT_EQ(accession[0].rule, RuleId::kDids072);
    EXPECT_EQ(accession[0].value, "ACC<NUL>1");
    EXPECT_EQ(accession[0].message, "accession number holds a control character, NUL (U+0000), at character 4");
    const auto long_one = Findings({{Field::kAccessionNumber, "ACC\t45678901234567890"}});
    ASSERT_EQ(long_one.size(), 1u);
    EXPECT_EQ(long_one[0].message,
              "accession number is 21 characters long; at most 20 are allowed; it also holds a control character, "
              "TAB (U+0009), at character 4");
}

// A RIS team finds the examination by site and accession number: every finding of a record
// carries the record's, as sent, made once and shared.
TEST_F(RecordValidatorTest, EveryFindingCarriesTheRecordsSiteAndAccessionNumber) {
    const auto findings = Findings({{Field::kGender, "7"}, {Field::kEthnicCategory, "?"}});
    ASSERT_EQ(findings.size(), 2u);
    for (const Finding& f : findings) {
        ASSERT_NE(f.place, nullptr);
        EXPECT_EQ(f.site_code(), "RH802");
        EXPECT_EQ(f.accession_number(), "ACC0001");
    }
    EXPECT_EQ(findings[0].place, findings[1].place);  // one copy for the record

    // Empty when the record has none (a missing site is itself a finding).
    const auto no_site = Findings({{Field::kSiteCode, ""}, {Field::kAccessionNumber, ""}});
    ASSERT_FALSE(no_site.empty());
    for (const Finding& f : no_site) {
        ASSERT_NE(f.place, nullptr);
        EXPECT_EQ(f.site_code(), "");
        EXPECT_EQ(f.accession_number(), "");
    }

    // A control character is shown as `value` shows it: a database cannot take a NUL.
    const auto control = Findings({{Field::kAccessionNumber, Nul("ACC", "1")}, {Field::kSiteCode, "RH802\r"}});
    ASSERT_FALSE(control.empty());
    EXPECT_EQ(control[0].site_code(), "RH802<CR>");
    EXPECT_EQ(control[0].accession_number(), "ACC<NUL>1");

    // A finding made without a record (a file-level one) has neither, and says so as empty text.
    const Finding file{1, RuleId::kDids075, Severity::kFile, "", "the header row has 3 columns"};
    EXPECT_EQ(file.place, nullptr);
    EXPECT_EQ(file.site_code(), "");
    EXPECT_NE(file.site_code().data(), nullptr);
    EXPECT_EQ(file.accession_number(), "");
}

TEST_F(RecordValidatorTest, NotifiedLocalCodesStandForTheirNicipCode) {
    auto codes = refdata::LocalCodes::Parse("ZCHX1,XCHES\n", *context_.catalogue);
    ASSERT_TRUE(codes);
    EXPECT_EQ(Check({{Field::kNicipCode, "ZCHX1"}}), RuleSet{"DIDS057"});
    context_.local_codes = &*codes;
    RecordFacts facts;
    EXPECT_EQ(Check({{Field::kNicipCode, "ZCHX1"}}, nullptr, &facts), RuleSet{});
    EXPECT_TRUE(facts.local_code);
    ASSERT_NE(facts.exam, nullptr);
    EXPECT_EQ(facts.exam->code, "XCHES");
    EXPECT_EQ(Check({{Field::kNicipCode, "ZCHX1"}, {Field::kSnomedCode, "45036003"}}), RuleSet{"DIDS082"});
}

TEST_F(RecordValidatorTest, RetiredCodesWarnThenReject) {
    auto catalogue = refdata::NicipCatalogue::Parse(
        "nicip_code,snomed_ct_id,nicip_retired_on,snomed_retired_on\n"
        "XCHES,399208008,2026-09-01,2026-09-01\n"
        "UABDO,45036003,2026-01-01,2026-01-01\n");
    ASSERT_TRUE(catalogue);
    context_.catalogue = &*catalogue;
    RecordOutcome outcome;
    EXPECT_EQ(Check({}, &outcome), (RuleSet{"DIDS077", "DIDS078"}));
    EXPECT_EQ(outcome, RecordOutcome::kWarned);
    // Retired 2026-01-01: usable until 2026-07-03, so a test on 2026-10-10 is refused.
    EXPECT_EQ(Check({{Field::kNicipCode, "UABDO"}, {Field::kSnomedCode, "45036003"}}), (RuleSet{"DIDS057", "DIDS059"}));
}

TEST_F(RecordValidatorTest, AnnouncedSeverityChangesApplyFromTheirDate) {
    const RuleCatalogue rules = RuleCatalogue::Standard().WithSeverityChange(
        RuleId::kDids023, *core::Date::Parse("2026-11-05"), Severity::kReject);
    context_.rules = &rules;
    RecordOutcome outcome;
    EXPECT_EQ(Check({{Field::kReferrerCode, "DR SMITH"}}, &outcome), RuleSet{"DIDS023"});
    EXPECT_EQ(outcome, RecordOutcome::kRejected);
    context_.submitted = *core::Date::Parse("2026-11-04");
    EXPECT_EQ(Check({{Field::kReferrerCode, "DR SMITH"}}, &outcome), RuleSet{"DIDS023"});
    EXPECT_EQ(outcome, RecordOutcome::kWarned);
}

TEST_F(RecordValidatorTest, PeriodRuleRunsOnlyWithAPeriod) {
    context_.period.reset();
    EXPECT_EQ(Check({{Field::kTestDate, "2026-09-30"},
                     {Field::kRequestDate, "2026-09-29"},
                     {Field::kRequestReceivedDate, "2026-09-29"}}),
              RuleSet{});
}

TEST_F(RecordValidatorTest, MessagesAreSpecific) {
    auto record = GoodRecord();
    record[core::Index(Field::kNhsNumber)] = "4010232138";
    record[core::Index(Field::kBirthDate)] = "2026-10-12";
    std::array<std::string_view, core::kFieldCount> views;
    for (size_t i = 0; i < core::kFieldCount; ++i) views[i] = record[i];
    RecordValidator validator(context_);
    std::vector<Finding> findings;
    RecordFacts facts;
    validator.Validate(views, 3, findings, facts);
    ASSERT_EQ(findings.size(), 3u);
    EXPECT_EQ(findings[0].value, "4010232138");
    EXPECT_EQ(findings[0].message, "NHS number 4010232138 fails the Modulus 11 check: the last digit should be 7");
    EXPECT_EQ(findings[1].message, "birth date 2026-10-12 is after the test date 2026-10-10");
    EXPECT_EQ(findings[2].message, "birth date 2026-10-12 is after the report issue date 2026-10-11");
}

}  // namespace
}  // namespace did::validate

namespace did::validate {
namespace {

// The rules that need reference data and the rules of engagement.
class RecordValidatorWithReferenceDataTest : public RecordValidatorTest {
  protected:
    RecordValidatorWithReferenceDataTest() {
        auto add = [&](const char* code, refdata::OrgKind kind, const char* parent, const char* opened,
                       const char* closed) {
            refdata::Organisation o;
            o.code = code;
            o.name = std::string("Org ") + code;
            o.kind = kind;
            o.parent = parent;
            if (*opened) o.opened = core::Date::Parse(opened);
            if (*closed) o.closed = core::Date::Parse(closed);
            organisations_.Add(o);
        };
        add("RH8", refdata::OrgKind::kTrust, "", "1990-04-01", "");
        add("RH802", refdata::OrgKind::kSite, "RH8", "1997-04-01", "");
        add("RH803", refdata::OrgKind::kSite, "RH8", "1997-04-01", "2026-09-30");
        add("RYY01", refdata::OrgKind::kSite, "RYY", "2000-01-01", "");
        add("RZZ01", refdata::OrgKind::kSite, "RZZ", "2000-01-01", "");
        add("B82005", refdata::OrgKind::kGpPractice, "15F", "1974-04-01", "");
        add("B82006", refdata::OrgKind::kGpPractice, "15F", "1974-04-01", "2026-06-30");
        add("B82010", refdata::OrgKind::kGpPractice, "15F", "2026-10-05", "");
        add("B82011", refdata::OrgKind::kGpPractice, "15F", "2026-10-20", "");
        postcodes_ = refdata::PostcodeDirectory::FromPostcodes({refdata::PostcodeDirectory::KeyOf("LS1 4AP")});
        scope_.owners = {"RH8", "RYY"};
        exclusions_.sites = {"RH809"};
        exclusions_.codes = {"XMAMB"};
        registry_.Add(ExaminationRegistry::KeyOf("4010232137", "2026-10-10", "XCHES", "RYY01"), {"RYY", 17, 5});
        context_.organisations = &organisations_;
        context_.postcodes = &postcodes_;
        context_.scope = &scope_;
        context_.exclusions = &exclusions_;
        context_.registry = &registry_;
        context_.provider = "RH8";
    }
    refdata::OrganisationDirectory organisations_;
    refdata::PostcodeDirectory postcodes_;
    SubmitterScope scope_;
    Exclusions exclusions_;
    ExaminationRegistry registry_;
};

TEST_F(RecordValidatorWithReferenceDataTest, TheGoodRecordStillPasses) {
    EXPECT_EQ(Check({}), RuleSet{});
}

TEST_F(RecordValidatorWithReferenceDataTest, PostcodesMustBeInTheDirectory) {
    EXPECT_EQ(Check({{Field::kPostcode, "LS14AP"}}), RuleSet{});
    EXPECT_EQ(Check({{Field::kPostcode, "LS1 4AQ"}}), RuleSet{"DIDS016"});
    EXPECT_EQ(Check({{Field::kPostcode, "ls1 4aq"}}), RuleSet{"DIDS017"});  // not looked up when malformed
    EXPECT_EQ(Check({{Field::kNhsNumber, ""},
                     {Field::kBirthDate, ""},
                     {Field::kEthnicCategory, ""},
                     {Field::kGender, ""},
                     {Field::kGpPractice, ""},
                     {Field::kPostcode, "LS1 4AQ"}}),
              (RuleSet{"DIDS016", "DIDS074"}));
}

TEST_F(RecordValidatorWithReferenceDataTest, PracticesAreLookedUpAndMustBeOpen) {
    EXPECT_EQ(Check({{Field::kGpPractice, "B82099"}}), RuleSet{"DIDS018"});
    EXPECT_EQ(Check({{Field::kGpPractice, "RH802"}}), RuleSet{"DIDS018"});   // a site, not a practice
    EXPECT_EQ(Check({{Field::kGpPractice, "V81999"}}), RuleSet{});           // not known
    EXPECT_EQ(Check({{Field::kGpPractice, "B82006"}}), RuleSet{"DIDS080"});  // closed in June
    EXPECT_EQ(Check({{Field::kGpPractice, "B82011"}}), RuleSet{"DIDS080"});  // opened after the test
    EXPECT_EQ(Check({{Field::kGpPractice, "B82010"}}), RuleSet{});           // opened before it
}

TEST_F(RecordValidatorWithReferenceDataTest, ReferringOrganisations) {
    EXPECT_EQ(Check({{Field::kReferringOrg, "X99998"}}), RuleSet{});
    EXPECT_EQ(Check({{Field::kReferringOrg, "RH8"}}), RuleSet{});
    EXPECT_EQ(Check({{Field::kReferringOrg, "QQQ"}}), RuleSet{"DIDS024"});
    // Judged on the request date (2026-10-01): B82010 opened on the 5th.
    EXPECT_EQ(Check({{Field::kReferringOrg, "B82010"}}), RuleSet{"DIDS079"});
    // Without a request date, on the test date (2026-10-10), when it was open.
    EXPECT_EQ(Check({{Field::kReferringOrg, "B82010"}, {Field::kRequestDate, ""}}), RuleSet{});
}

TEST_F(RecordValidatorWithReferenceDataTest, SitesAreLookedUpAndMustBeOpen) {
    EXPECT_EQ(Check({{Field::kSiteCode, "RH809"}}), (RuleSet{"DIDS068", "DIDC-EXCLUDED"}));
    EXPECT_EQ(Check({{Field::kSiteCode, "RH803"}}), RuleSet{"DIDS081"});
    EXPECT_EQ(Check({{Field::kSiteCode, "RH8"}}), (RuleSet{"DIDS068", "DIDS069"}));
}

TEST_F(RecordValidatorWithReferenceDataTest, OnlySitesTheProviderSubmitsFor) {
    EXPECT_EQ(Check({{Field::kSiteCode, "RYY01"}, {Field::kNhsNumber, "9434765919"}}), RuleSet{});  // agreement
    EXPECT_EQ(Check({{Field::kSiteCode, "RZZ01"}}), RuleSet{"DIDC-SITE"});
}

TEST_F(RecordValidatorWithReferenceDataTest, ExcludedActivityIsKeptButFlagged) {
    RecordOutcome outcome;
    RecordFacts facts;
    EXPECT_EQ(Check({{Field::kNicipCode, "XMAMB"}, {Field::kSnomedCode, ""}}, &outcome, &facts),
              RuleSet{"DIDC-EXCLUDED"});
    EXPECT_EQ(outcome, RecordOutcome::kWarned);
    EXPECT_TRUE(facts.excluded);
}

TEST_F(RecordValidatorWithReferenceDataTest, TheSameExaminationFromAnotherProvider) {
    EXPECT_EQ(Check({{Field::kSiteCode, "RYY01"}}), RuleSet{"DIDC-DUPLICATE-PROVIDER"});
    EXPECT_EQ(Check({{Field::kSiteCode, "RYY01"}, {Field::kTestDate, "2026-10-10T09:00Z"}}),
              RuleSet{"DIDC-DUPLICATE-PROVIDER"});  // the same day, as a timestamp
    EXPECT_EQ(Check({{Field::kSiteCode, "RYY01"}, {Field::kNicipCode, ""}}), RuleSet{"DIDC-DUPLICATE-PROVIDER"});
}

}  // namespace
}  // namespace did::validate
