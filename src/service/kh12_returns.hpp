// The old KH12 returns, loaded by the central team to hold `did report kh12` (the KH12 return
// rebuilt from DID records) against: each import replaces the years its file covers, recorded
// and audited.
#pragma once

#include <string>

#include "core/error.hpp"
#include "service/actor.hpp"
#include "service/reference_data.hpp"
#include "store/store.hpp"

namespace did::service {

inline constexpr const char* kKh12Dataset = "kh12";

// A CSV of year,provider,category,examinations (refdata/kh12.hpp); the whole file is checked
// first, and nothing changes if any row is wrong.
core::Result<ImportCounts> ImportKh12Returns(store::Store& store, const Actor& actor, const std::string& path);

}  // namespace did::service
