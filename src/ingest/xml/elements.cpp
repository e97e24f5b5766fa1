#include "ingest/xml/elements.hpp"

#include <array>

namespace did::ingest::xml {
namespace {

using core::Field;

struct ItemSpec {
    Field field;
    std::string_view name;
    Element group;
};

// In record (CSV column) order, which is also the order the groups take in a DIDSRecord.
constexpr std::array<ItemSpec, core::kFieldCount> kItems = {{
    {Field::kNhsNumber, "NHSNumber", Element::kPersonalAndDemographics},
    {Field::kNhsNumberStatus, "NHSNumberStatus", Element::kPersonalAndDemographics},
    {Field::kBirthDate, "PersonBirthDate", Element::kPersonalAndDemographics},
    {Field::kEthnicCategory, "EthnicCategory", Element::kPersonalAndDemographics},
    {Field::kGender, "PersonGenderCode", Element::kPersonalAndDemographics},
    {Field::kPostcode, "Address", Element::kPersonalAndDemographics},
    {Field::kGpPractice, "GPCodeRegistration", Element::kPersonalAndDemographics},
    {Field::kSourceSetting, "PatientSourceSetting", Element::kReferrals},
    {Field::kReferrerCode, "ReferrerCode", Element::kReferrals},
    {Field::kReferringOrg, "ReferringOrgCode", Element::kReferrals},
    {Field::kRequestDate, "DiagnosticTestReqDate", Element::kReferrals},
    {Field::kRequestReceivedDate, "DiagnosticTestReqRecDate", Element::kReferrals},
    {Field::kTestDate, "DiagnosticTestDate", Element::kImagingActivity},
    {Field::kNicipCode, "ImagingCodeNICIP", Element::kImagingActivity},
    {Field::kSnomedCode, "ImagingCodeSNOMEDCT", Element::kImagingActivity},
    {Field::kReportIssueDate, "ServiceReportIssueDate", Element::kImagingActivity},
    {Field::kSiteCode, "ImagingSiteCode", Element::kImagingActivity},
    {Field::kAccessionNumber, "RadiologicalAccessionNumber", Element::kImagingActivity},
}};

}  // namespace

std::optional<ElementInfo> FindElement(std::string_view name) {
    // Called for every element of every file: the length and first letter rule out all but
    // one or two names before any comparison.
    switch (name.size()) {
        case 4:
            if (name == "DIDS") return ElementInfo{Element::kDids, std::nullopt, Element::kDids};
            break;
        case 10:
            if (name == "DIDSRecord") return ElementInfo{Element::kDidsRecord, std::nullopt, Element::kDids};
            break;
        case 23:
            if (name == "PersonalAndDemographics") {
                return ElementInfo{Element::kPersonalAndDemographics, std::nullopt, Element::kDidsRecord};
            }
            break;
        case 9:
            if (name == "Referrals") return ElementInfo{Element::kReferrals, std::nullopt, Element::kDidsRecord};
            break;
        case 15:
            if (name == "ImagingActivity") {
                return ElementInfo{Element::kImagingActivity, std::nullopt, Element::kDidsRecord};
            }
            break;
        default:
            break;
    }
    for (const ItemSpec& item : kItems) {
        if (item.name.size() == name.size() && item.name == name)
            return ElementInfo{Element::kItem, item.field, item.group};
    }
    return std::nullopt;
}

std::string_view ItemName(core::Field field) {
    return kItems[core::Index(field)].name;
}

Element ItemGroup(core::Field field) {
    return kItems[core::Index(field)].group;
}

std::string_view GroupName(Element element) {
    switch (element) {
        case Element::kDids:
            return "DIDS";
        case Element::kDidsRecord:
            return "DIDSRecord";
        case Element::kPersonalAndDemographics:
            return "PersonalAndDemographics";
        case Element::kReferrals:
            return "Referrals";
        case Element::kImagingActivity:
            return "ImagingActivity";
        case Element::kItem:
            break;
    }
    return "item";
}

}  // namespace did::ingest::xml
