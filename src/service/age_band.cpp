#include "service/age_band.hpp"

#include <algorithm>

namespace did::service {

size_t AgeBandIndex(core::OptionalDate birth, core::OptionalDate test) {
    if (!birth || !test || *birth > *test) return kAgeBands.size() - 1;
    int age = test->Year() - birth->Year();
    if (test->Month() < birth->Month() || (test->Month() == birth->Month() && test->Day() < birth->Day())) --age;
    return static_cast<size_t>(std::min(age / 5, 17));
}

}  // namespace did::service
