#include "validate/header.hpp"

#include <algorithm>
#include <array>

#include "core/field.hpp"

namespace did::validate {
namespace {

const std::array<std::string, core::kFieldCount>& NormalisedNames() {
    static const auto names = [] {
        std::array<std::string, core::kFieldCount> out;
        for (size_t i = 0; i < core::kFieldCount; ++i)
            out[i] = NormaliseColumnName(core::FieldName(core::kAllFields[i]));
        return out;
    }();
    return names;
}

bool IsKnownName(std::string_view field) {
    const std::string normalised = NormaliseColumnName(field);
    const auto& names = NormalisedNames();
    return !normalised.empty() && std::find(names.begin(), names.end(), normalised) != names.end();
}

bool IsTenDigits(std::string_view s) {
    return s.size() == 10 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string NormaliseColumnName(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (char c : name) {
        // A byte past ASCII is not punctuation: kept, so that it cannot match by accident.
        const bool kept = static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (kept) {
            out += c;
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

bool LooksLikeHeader(std::span<const std::string_view> fields) {
    if (fields.empty() || fields[0].empty() || IsTenDigits(fields[0])) return false;
    bool any_known = false;
    bool any_digit = false;
    for (std::string_view field : fields) {
        any_known = any_known || IsKnownName(field);
        any_digit = any_digit || std::any_of(field.begin(), field.end(), [](char c) { return c >= '0' && c <= '9'; });
    }
    return any_known || !any_digit;
}

std::vector<HeaderMismatch> CompareHeader(std::span<const std::string_view> fields) {
    std::vector<HeaderMismatch> mismatches;
    const auto& names = NormalisedNames();
    for (size_t i = 0; i < core::kFieldCount && i < fields.size(); ++i) {
        if (NormaliseColumnName(fields[i]) != names[i]) {
            mismatches.push_back({i + 1, std::string(fields[i]), core::FieldName(core::kAllFields[i])});
        }
    }
    return mismatches;
}

}  // namespace did::validate
