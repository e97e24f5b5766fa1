#include "validate/record_pass.hpp"

#include <fmt/format.h>

#include "core/control_characters.hpp"

namespace did::validate {

using core::Field;

// DIDC-CONTROL: one finding per field that holds a control character. The accession number
// is left to DIDS072, the national rule that already refuses control characters there, so
// that one fault is not counted twice. Quoted fields count too: a line break inside quotes
// is data to the reader, but no DID value has one.
void RecordValidator::Pass::CheckControlCharacters() {
    for (const Field field : core::kAllFields) {
        if (field == Field::kAccessionNumber) continue;
        const std::string_view value = Get(field);
        const auto found = core::FindControlCharacter(value);
        if (!found) continue;
        Add(RuleId::kDidcControl, value,
            fmt::format("{} holds a control character, {}, at character {}{}; no field may hold one",
                        core::FieldName(field), core::DescribeControlCharacter(found->code_point), found->character,
                        found->count > 1 ? fmt::format(" (and {} more)", found->count - 1) : ""));
    }
}

}  // namespace did::validate
