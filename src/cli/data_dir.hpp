// The data directory: where DID Collect keeps what it is given at run time (imported
// reference data, the embedded database). --data-dir, else $DID_DATA_DIR, else
// $XDG_DATA_HOME/did-collect, else ~/.local/share/did-collect.
#pragma once

#include <optional>
#include <string>

namespace did::cli {

std::string DataDir(const std::optional<std::string>& option);

}  // namespace did::cli
