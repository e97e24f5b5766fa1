#include "core/field.hpp"

namespace did::core {
namespace {

struct Names {
    std::string_view name;
    std::string_view key;
};

constexpr std::array<Names, kFieldCount> kNames = {{
    {"NHS NUMBER", "nhs_number"},
    {"NHS NUMBER STATUS INDICATOR CODE", "nhs_number_status"},
    {"PERSON BIRTH DATE", "birth_date"},
    {"ETHNIC CATEGORY", "ethnic_category"},
    {"PERSON GENDER CODE CURRENT", "gender"},
    {"POSTCODE OF USUAL ADDRESS", "postcode"},
    {"GENERAL MEDICAL PRACTICE CODE (PATIENT REGISTRATION)", "gp_practice"},
    {"PATIENT SOURCE SETTING TYPE (DIAGNOSTIC IMAGING)", "source_setting"},
    {"REFERRER CODE", "referrer_code"},
    {"REFERRING ORGANISATION CODE", "referring_org"},
    {"DIAGNOSTIC TEST REQUEST DATE", "request_date"},
    {"DIAGNOSTIC TEST REQUEST RECEIVED DATE", "request_received_date"},
    {"DIAGNOSTIC TEST DATE", "test_date"},
    {"IMAGING CODE (NICIP)", "nicip_code"},
    {"IMAGING CODE (SNOMED CT)", "snomed_code"},
    {"SERVICE REPORT ISSUE DATE", "report_issue_date"},
    {"SITE CODE (OF IMAGING)", "site_code"},
    {"RADIOLOGICAL ACCESSION NUMBER", "accession_number"},
}};

}  // namespace

std::string_view FieldName(Field field) {
    return kNames[Index(field)].name;
}
std::string_view FieldKey(Field field) {
    return kNames[Index(field)].key;
}

}  // namespace did::core
