// The guard against a replacement that loses most of what it replaces: a month's file with far
// fewer accepted records than the current one, a NICIP release without most of the catalogue's
// codes. Either is more often a partial extract or the wrong file than a real change, so it is
// held back until confirmed (--confirm-drop), and nothing changes meanwhile.
#pragma once

#include <cstdint>

namespace did::service {

// A replacement that keeps less than this share of what it replaces is held back.
inline constexpr double kDropThreshold = 0.7;

// Whether keeping `kept` of `before` drops too much to go ahead unconfirmed.
inline bool DropsTooMuch(int64_t kept, int64_t before) {
    return static_cast<double>(kept) < kDropThreshold * static_cast<double>(before);
}

}  // namespace did::service
