// Organisation codes given by an administrator or a submitter (expect, agreement, exception,
// exclusions, local codes, submit) are checked the same way everywhere, against the ODS
// organisations loaded: an unknown code is refused with the nearest known one, and a site
// given where its provider belongs (or the other way round) is named as such. One call
// reads the organisations once; use from one thread. FindOrganisation looks one code up, for
// the pages that show an organisation's name.
#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "store/store.hpp"
#include "store/types.hpp"

namespace did::service {

enum class OrgRole {
    kProvider,  // a trust or an independent provider: it submits, it is expected, it has sites
    kSite,      // a site of a provider: where imaging is done
};

// Fails with kInvalidArgument, saying what the code is and what was wanted. Passes when no
// ODS organisations are loaded at all (nothing to check against).
core::Status CheckOrganisation(store::Store& store, const std::string& code, OrgRole role);

// The ODS organisation with this code, of any kind; none when ODS does not list it (or no
// ODS file was imported).
core::Result<std::optional<store::OrganisationRow>> FindOrganisation(store::Store& store, const std::string& code);

}  // namespace did::service
