// The months a provider can submit for today: those whose window is open, newest first, with
// their dates; the home and submit pages both list them.
#pragma once

#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "service/timetable.hpp"

namespace did::http {

core::Result<std::vector<service::Window>> OpenWindows(store::Store& store, core::Date today);

}  // namespace did::http
