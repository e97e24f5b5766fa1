#include "validate/record_pass.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/verhoeff.hpp"

namespace did::validate {

using core::Date;
using core::Field;

void RecordValidator::Pass::CheckImagingCodes() {
    const std::string_view nicip = Get(Field::kNicipCode);
    const std::string_view snomed = Get(Field::kSnomedCode);
    if (nicip.empty() && snomed.empty()) {
        Add(RuleId::kDids056, "", "neither a NICIP code nor a SNOMED CT code is given");
        return;
    }
    const refdata::NicipCatalogue& catalogue = *context().catalogue;
    // Retirement is judged on the day of the examination.
    const Date on = facts_.test.value_or(context().submitted);

    const refdata::NicipEntry* exam = nullptr;
    if (!nicip.empty()) {
        const refdata::NicipEntry* entry = catalogue.FindNicip(nicip);
        const auto status = entry != nullptr ? catalogue.NicipStatus(*entry, on) : refdata::CodeStatus::kUnknown;
        if (status != refdata::CodeStatus::kUnknown) {
            exam = entry;
            if (status == refdata::CodeStatus::kInactive) {
                Add(RuleId::kDids077, nicip,
                    fmt::format("NICIP code {} was retired on {}; it is accepted until {}", nicip,
                                Iso(*entry->nicip_retired_on),
                                Iso(entry->nicip_retired_on->AddDays(refdata::kRetirementGraceDays))));
            }
        } else if (const refdata::NicipEntry* local =
                       context().local_codes != nullptr ? context().local_codes->Find(nicip) : nullptr) {
            exam = local;
            facts_.local_code = true;
        } else if (entry != nullptr && entry->nicip_retired_on) {  // retired past the grace period
            Add(RuleId::kDids057, nicip,
                fmt::format("NICIP code {} was retired on {}, more than 183 days before the test", nicip,
                            Iso(*entry->nicip_retired_on)));
        } else {
            Add(RuleId::kDids057, nicip,
                fmt::format("NICIP code '{}' is not in the NICIP catalogue and is not a local code notified by "
                            "this provider",
                            nicip));
        }
    }
    facts_.exam = exam;
    if (exam == nullptr && !snomed.empty()) {
        // SNOMED CT only: the modality comes from a NICIP code with that concept, if valid.
        if (const auto id = refdata::ParseSnomedId(snomed)) facts_.exam = catalogue.FindBySnomed(*id);
    }

    std::optional<uint64_t> snomed_id;
    if (!snomed.empty()) {
        snomed_id = CheckSnomed(snomed, on);
    }
    if (exam != nullptr && snomed_id && exam->snomed != *snomed_id) {
        Add(RuleId::kDids082, snomed,
            fmt::format("SNOMED CT code {} does not match NICIP code {}{}, which maps to {}", snomed, nicip,
                        facts_.local_code ? fmt::format(" (local code for {})", exam->code) : std::string(),
                        exam->snomed));
    }
}

// Returns the id when the code is valid on its own.
std::optional<uint64_t> RecordValidator::Pass::CheckSnomed(std::string_view snomed, Date on) {
    // The usual case first: an id the catalogue holds passed every check below when the
    // catalogue was loaded (NicipCatalogue::Parse), so the Verhoeff digit need not be worked
    // out again. Written without a leading zero, the text is that id's only spelling.
    if (const auto id = refdata::ParseSnomedId(snomed)) {
        const auto status = context().catalogue->SnomedStatus(*id, on);
        if (status == refdata::CodeStatus::kActive) return id;
        if (status == refdata::CodeStatus::kInactive) {
            Add(RuleId::kDids078, snomed,
                fmt::format("SNOMED CT code {} is retired; it is accepted for 183 days after retirement", snomed));
            return id;
        }
    }
    const bool digits = snomed.size() >= 6 && snomed.size() <= 18 &&
                        std::all_of(snomed.begin(), snomed.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
        Add(RuleId::kDids059, snomed, fmt::format("SNOMED CT code '{}' is not 6 to 18 digits", snomed));
        return std::nullopt;
    }
    if (!core::VerhoeffValid(snomed)) {
        Add(RuleId::kDids059, snomed,
            fmt::format("SNOMED CT code {} has a wrong check digit (Verhoeff): mistyped?", snomed));
        return std::nullopt;
    }
    const std::string_view partition = snomed.substr(snomed.size() - 3, 2);
    if (partition != "00" && partition != "10") {
        Add(RuleId::kDids059, snomed,
            fmt::format("SNOMED CT id {} is not a concept (partition {}, expected 00 or 10)", snomed, partition));
        return std::nullopt;
    }
    Add(RuleId::kDids059, snomed,
        fmt::format("SNOMED CT code {} is not an imaging procedure in the catalogue (or was retired more "
                    "than 183 days before the test)",
                    snomed));
    return std::nullopt;
}

}  // namespace did::validate
