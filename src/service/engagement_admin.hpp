// Administering the rules of engagement, each change audited: which providers must submit
// and from when, who submits for whom, excluded activity, and local examination codes
// (notified by a provider, approved or refused centrally).
#pragma once

#include <string>

#include "core/error.hpp"
#include "core/period.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace did::service {

core::Status ExpectProvider(store::Store& store, const Actor& actor, const std::string& provider, core::Period from,
                            std::optional<core::Period> until);
// `provider` submits for the sites of `organisation` from `from` (until `until`).
core::Status AddAgreement(store::Store& store, const Actor& actor, const std::string& provider,
                          const std::string& organisation, core::Period from, std::optional<core::Period> until);
// `kind` is "site" or "code" (a NICIP code).
core::Status AddExclusion(store::Store& store, const Actor& actor, const std::string& kind, const std::string& value,
                          const std::string& reason);
core::Status RemoveExclusion(store::Store& store, const Actor& actor, const std::string& kind,
                             const std::string& value);

core::Status NotifyLocalCode(store::Store& store, const Actor& actor, const refdata::NicipCatalogue& catalogue,
                             const std::string& provider, const std::string& local_code, const std::string& nicip_code);
// `decision` is "approved" or "refused".
core::Status DecideLocalCode(store::Store& store, const Actor& actor, const std::string& provider,
                             const std::string& local_code, const std::string& decision, const std::string& reason);

}  // namespace did::service
