// The elements of a DID XML submission: the root, the record, its three groups and the
// eighteen items, each item with the group it belongs in and the record field it fills.
// One table, used by the reader and by the writer (`did generate --format xml`). Constants.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/field.hpp"

namespace did::ingest::xml {

enum class Element : uint8_t {
    kDids,                     // the root
    kDidsRecord,               // one patient
    kPersonalAndDemographics,  // the patient's items
    kReferrals,                // the referral's items
    kImagingActivity,          // one examination: one record
    kItem,                     // one of the eighteen items
};

struct ElementInfo {
    Element element;
    std::optional<core::Field> field;  // for an item
    Element group;                     // for an item: the group it belongs in
};

// The element named `name`, or nullopt for a name that is not part of the structure.
std::optional<ElementInfo> FindElement(std::string_view name);

// The element name of an item ("NHSNumber" for kNhsNumber) and the group it belongs in.
std::string_view ItemName(core::Field field);
Element ItemGroup(core::Field field);

// "DIDS", "DIDSRecord", "PersonalAndDemographics", …; items by ItemName.
std::string_view GroupName(Element element);

}  // namespace did::ingest::xml
