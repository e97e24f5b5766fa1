#include "cli/data_dir.hpp"

#include <cstdlib>

namespace did::cli {

std::string DataDir(const std::optional<std::string>& option) {
    if (option) return *option;
    if (const char* env = std::getenv("DID_DATA_DIR"); env != nullptr && *env != '\0') return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
        return std::string(xdg) + "/did-collect";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        return std::string(home) + "/.local/share/did-collect";
    }
    return "did-data";
}

}  // namespace did::cli
