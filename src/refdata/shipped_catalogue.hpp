// The NICIP catalogue file shipped in data/, embedded into the binary at build time so
// `did` works from any directory; `did refdata import` can replace it without a rebuild.
#pragma once

#include <string_view>

namespace did::refdata {

std::string_view ShippedCatalogueCsv();

}  // namespace did::refdata
