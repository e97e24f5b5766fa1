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

struct NamedElement {
    std::string_view name;
    ElementInfo info;
};

class ElementTable {
  public:
    ElementTable() {
        Add("DIDS", {Element::kDids, std::nullopt, Element::kDids});
        Add("DIDSRecord", {Element::kDidsRecord, std::nullopt, Element::kDids});
        for (const Element group :
             {Element::kPersonalAndDemographics, Element::kReferrals, Element::kImagingActivity}) {
            Add(GroupName(group), {group, std::nullopt, Element::kDidsRecord});
        }
        for (const ItemSpec& item : kItems) Add(item.name, {Element::kItem, item.field, item.group});
    }

    std::optional<ElementInfo> Find(std::string_view name) const {
        if (name.empty()) return std::nullopt;
        for (size_t slot = Hash(name);; slot = (slot + 1) % kSlots) {
            const NamedElement& entry = slots_[slot];
            if (entry.name.empty()) return std::nullopt;
            if (entry.name == name) return entry.info;
        }
    }

  private:
    static constexpr size_t kSlots = 64;  // more than twice the 23 names: probes stay short

    static size_t Hash(std::string_view name) {
        const size_t first = static_cast<unsigned char>(name.front());
        const size_t last = static_cast<unsigned char>(name.back());
        return (name.size() * 31 + first * 7 + last) % kSlots;
    }

    void Add(std::string_view name, ElementInfo info) {
        size_t slot = Hash(name);
        while (!slots_[slot].name.empty()) slot = (slot + 1) % kSlots;
        slots_[slot] = {name, info};
    }

    std::array<NamedElement, kSlots> slots_{};
};

}  // namespace

std::optional<ElementInfo> FindElement(std::string_view name) {
    // Called for every element of every file: one hash of the length and the first and last
    // letters, which tell every name of the structure apart, then one comparison.
    static const ElementTable table;
    return table.Find(name);
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
