// The two-column lists of NICIP codes kept as data (`code,label`, a header line first): the
// PET/SPECT split, the cancer test groups. Pure functions.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <functional>
#include <string_view>

#include "core/error.hpp"

namespace did::refdata {

// Calls `add(line number, code, label)` for each row after the header, read as the reference
// files are (core/csv_rows.hpp); stops at the first error `add` gives, or at a row that is not
// two columns, which is told as "line N: expected `columns`".
core::Status ForEachCodeAndLabel(std::string_view csv, std::string_view columns,
                                 const std::function<core::Status(size_t, std::string_view, std::string_view)>& add);

// A list shipped in the binary, parsed once by `List::Parse`; its test checks it parses.
template <class List>
const List& ParsedOnce(std::string_view csv) {
    static const List parsed = [csv] {
        auto list = List::Parse(csv);
        if (!list) std::abort();
        return std::move(*list);
    }();
    return parsed;
}

}  // namespace did::refdata
