// The data directory: where DID Collect keeps what it is given at run time (imported
// reference data, later the embedded database). --data-dir, else $DID_DATA_DIR, else
// ~/.local/share/did-collect.
#pragma once

#include <string>

#include "cli/args.hpp"

namespace did::cli {

std::string DataDir(const Args& args);

}  // namespace did::cli
