// The prolog of an XML submission: whatever comes before the root element's start tag (an
// XML declaration, comments; never a DOCTYPE) and the root itself. Read once, at the file's
// start, before the chunks of records. Pure function of the bytes given.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "validate/finding.hpp"

namespace did::ingest::xml {

struct Prolog {
    enum class State { kNeedMoreData, kRoot, kEmptyRoot, kError };
    State state = State::kNeedMoreData;
    size_t root_end = 0;                     // after the root's start tag
    std::optional<validate::Finding> error;  // kError: the file's one finding (line 0-based)
};

// Reads `head`, the file's first bytes (a byte-order mark included). An empty root (<DIDS/>)
// is read to the end of `head`, which must then be the whole file (`at_eof`).
Prolog ReadProlog(std::string_view head, bool at_eof);

}  // namespace did::ingest::xml
