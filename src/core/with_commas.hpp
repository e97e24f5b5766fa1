// WithCommas: a count as people read it in a message, 1234567 -> "1,234,567".
#pragma once

#include <cstdint>
#include <string>

namespace did::core {

std::string WithCommas(uint64_t value);

}  // namespace did::core
