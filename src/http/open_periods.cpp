#include "http/open_periods.hpp"

namespace did::http {

core::Result<std::vector<service::Window>> OpenWindows(store::Store& store, core::Date today) {
    auto timetable = service::Timetable::Load(store);
    if (!timetable) return core::Fail(timetable.error());
    std::vector<service::Window> open;
    // A window opens after its month and closes at most a year later.
    core::Period period = core::Period::Of(today);
    for (int i = 0; i < 13; ++i) {
        auto window = timetable->For(period);
        if (!window) return core::Fail(window.error());
        if (window->Open(today)) open.push_back(*window);
        period = period.Previous();
    }
    return open;
}

}  // namespace did::http
