// The eighteen columns of a DID submission, in file order, with their NHS Data Dictionary
// names (what submitters know them as) and short keys (for code and APIs). Constants only.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace did::core {

enum class Field : uint8_t {
    kNhsNumber,
    kNhsNumberStatus,
    kBirthDate,
    kEthnicCategory,
    kGender,
    kPostcode,
    kGpPractice,
    kSourceSetting,
    kReferrerCode,
    kReferringOrg,
    kRequestDate,
    kRequestReceivedDate,
    kTestDate,
    kNicipCode,
    kSnomedCode,
    kReportIssueDate,
    kSiteCode,
    kAccessionNumber,
};

inline constexpr size_t kFieldCount = 18;

inline constexpr size_t Index(Field f) {
    return static_cast<size_t>(f);
}

// "NHS NUMBER", "PERSON BIRTH DATE", …
std::string_view FieldName(Field field);
// "nhs_number", "birth_date", …
std::string_view FieldKey(Field field);

inline constexpr std::array<Field, kFieldCount> kAllFields = {
    Field::kNhsNumber,    Field::kNhsNumberStatus, Field::kBirthDate,   Field::kEthnicCategory,
    Field::kGender,       Field::kPostcode,        Field::kGpPractice,  Field::kSourceSetting,
    Field::kReferrerCode, Field::kReferringOrg,    Field::kRequestDate, Field::kRequestReceivedDate,
    Field::kTestDate,     Field::kNicipCode,       Field::kSnomedCode,  Field::kReportIssueDate,
    Field::kSiteCode,     Field::kAccessionNumber,
};

}  // namespace did::core
