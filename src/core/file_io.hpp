// Whole-file reads and crash-safe whole-file writes, for reference data and reports.
// A write goes to a temporary file beside the target, is flushed to disk, then renamed over
// the target, so readers see the old file or the new one, never half of one.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace did::core {

Result<std::string> ReadFile(const std::string& path);
Status WriteFileAtomically(const std::string& path, std::string_view content);
bool FileExists(const std::string& path);
// Creates the directory and its parents when missing.
Status MakeDirectories(const std::string& path);

}  // namespace did::core
