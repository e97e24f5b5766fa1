// OptionalDate: a date or none, in one word, with the parts of std::optional's interface
// the record checks use. std::optional<Date> is a word plus a flag byte: built in one
// function and copied as a whole in the next, it stalls the CPU's store forwarding, which
// cost a tenth of validation's time at five dates a record. No valid date packs to 0, so 0
// is none. A plain value; thread-safe.
#pragma once

#include <cstdint>
#include <optional>

#include "core/date.hpp"

namespace did::core {

class OptionalDate {
  public:
    OptionalDate() = default;
    OptionalDate(std::nullopt_t) {}           // NOLINT(google-explicit-constructor): as std::optional
    OptionalDate(Date date) : date_(date) {}  // NOLINT(google-explicit-constructor): as std::optional
    // From Date::ParsePacked's result.
    static OptionalDate FromPacked(uint32_t packed) { return OptionalDate(Date::FromPacked(packed)); }

    explicit operator bool() const { return date_.Packed() != 0; }
    bool has_value() const { return date_.Packed() != 0; }
    const Date& operator*() const { return date_; }
    const Date* operator->() const { return &date_; }
    Date value_or(Date fallback) const { return has_value() ? date_ : fallback; }
    void reset() { date_ = Date::FromPacked(0); }

  private:
    Date date_ = Date::FromPacked(0);
};

}  // namespace did::core
