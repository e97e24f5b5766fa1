// Administering the rules of engagement, each change audited: which providers must submit
// and from when, who submits for whom, excluded activity, and local examination codes
// (notified by a provider, approved or refused centrally). Every organisation code is checked
// against ODS (organisation_check.hpp); every add has its remove; an add that replaces an
// entry returns what it replaced (empty when the entry is new).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/period.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"
#include "store/types.hpp"

namespace did::service {

core::Result<std::string> ExpectProvider(store::Store& store, const Actor& actor, const std::string& provider,
                                         core::Period from, std::optional<core::Period> until);
core::Status StopExpecting(store::Store& store, const Actor& actor, const std::string& provider);
core::Result<std::vector<store::ExpectedRow>> ListExpected(store::Store& store);

// `provider` submits for the sites of `organisation` from `from` (until `until`).
core::Result<std::string> AddAgreement(store::Store& store, const Actor& actor, const std::string& provider,
                                       const std::string& organisation, core::Period from,
                                       std::optional<core::Period> until);
core::Status RemoveAgreement(store::Store& store, const Actor& actor, const std::string& provider,
                             const std::string& organisation);
core::Result<std::vector<store::AgreementRow>> ListAgreements(store::Store& store);

// `kind` is "site" or "code" (a NICIP code).
core::Result<std::string> AddExclusion(store::Store& store, const Actor& actor, const std::string& kind,
                                       const std::string& value, const std::string& reason);
core::Status RemoveExclusion(store::Store& store, const Actor& actor, const std::string& kind,
                             const std::string& value);
core::Result<std::vector<store::ExclusionRow>> ListExclusions(store::Store& store);

core::Status NotifyLocalCode(store::Store& store, const Actor& actor, const refdata::NicipCatalogue& catalogue,
                             const std::string& provider, const std::string& local_code, const std::string& nicip_code);
// `decision` is approved or refused.
core::Status DecideLocalCode(store::Store& store, const Actor& actor, const std::string& provider,
                             const std::string& local_code, store::LocalCodeStatus decision, const std::string& reason);
// A notified code taken back: files sent from now on may not use it.
core::Status WithdrawLocalCode(store::Store& store, const Actor& actor, const std::string& provider,
                               const std::string& local_code);
// `provider` narrows the list when not empty, `status` when given.
core::Result<std::vector<store::LocalCodeRow>> ListLocalCodes(store::Store& store, const std::string& provider,
                                                              std::optional<store::LocalCodeStatus> status);

}  // namespace did::service
