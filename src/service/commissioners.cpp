#include "service/commissioners.hpp"

#include "core/postcode.hpp"
#include "service/reference_data.hpp"
#include "store/postcode_table.hpp"

namespace did::service {

core::Result<Commissioners> Commissioners::Load(store::Store& store,
                                                const refdata::OrganisationDirectory* organisations) {
    auto bytes = store::PostcodeTable(store.db()).Snapshot(kPostcodeIcbSnapshot);
    if (!bytes) return core::Fail(bytes.error());
    if (!*bytes) return Commissioners(organisations, {});
    auto postcodes = refdata::PostcodeIcbs::FromBytes(**bytes);
    if (!postcodes) return core::Fail(postcodes.error());
    return Commissioners(organisations, std::move(*postcodes));
}

core::Result<bool> PostcodeIcbsLoaded(store::Store& store) {
    auto details = store::PostcodeTable(store.db()).SnapshotDetails(kPostcodeIcbSnapshot);
    if (!details) return core::Fail(details.error());
    return details->has_value();
}

std::string_view Commissioners::OfPractice(std::string_view practice) const {
    if (organisations_ == nullptr || practice.empty()) return {};
    const refdata::Organisation* org = organisations_->Find(practice);
    if (org == nullptr || org->kind != refdata::OrgKind::kGpPractice) return {};
    // An English ICB's ODS code starts with Q; a Welsh practice gives its health board (7A…),
    // which is no English commissioner: its patients' postcodes decide.
    if (!org->icb.starts_with('Q')) return {};
    return org->icb;
}

std::string_view Commissioners::OfPostcode(std::string_view postcode) const {
    if (postcodes_.size() == 0 || !core::IsPostcodeFormat(postcode)) return {};
    return postcodes_.Of(postcode);
}

}  // namespace did::service
