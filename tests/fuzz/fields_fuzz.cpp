// libFuzzer target for the field checks on their own: eighteen arbitrary values (split on
// a 0x1F byte) through every record rule. Nothing may crash or trip a sanitizer.

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/utf8.hpp"
#include "validate/record_validator.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    if (did::core::FindInvalidUtf8(input)) return 0;  // the pipeline never lets invalid UTF-8 this far
    std::array<std::string_view, did::core::kFieldCount> fields{};
    for (size_t i = 0; i < fields.size() && !input.empty(); ++i) {
        const size_t cut = input.find('\x1f');
        fields[i] = input.substr(0, cut);
        input = cut == std::string_view::npos ? std::string_view() : input.substr(cut + 1);
    }
    static const did::validate::ValidationContext context = [] {
        did::validate::ValidationContext c;
        c.submitted = *did::core::Date::Parse("2026-11-05");
        c.period = did::core::Period::Parse("2026-10");
        return c;
    }();
    static const did::validate::RecordValidator validator(context);
    std::vector<did::validate::Finding> findings;
    did::validate::RecordFacts facts;
    validator.Validate(fields, 1, findings, facts);
    return 0;
}
