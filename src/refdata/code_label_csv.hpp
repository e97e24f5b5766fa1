// The two-column lists of NICIP codes kept as data (`code,label`, a header line first): the
// PET/SPECT split, the cancer test groups. Pure function.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include "core/error.hpp"

namespace did::refdata {

// Calls `add(line number, code, label)` for each row (a trailing CR dropped, empty lines
// skipped); stops at the first error `add` gives, or at a row without a comma, which is told
// as "line N: expected `columns`".
core::Status ForEachCodeAndLabel(std::string_view csv, std::string_view columns,
                                 const std::function<core::Status(size_t, std::string_view, std::string_view)>& add);

}  // namespace did::refdata
