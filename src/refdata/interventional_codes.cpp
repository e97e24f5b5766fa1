#include "refdata/interventional_codes.hpp"

#include <fmt/format.h>

#include "refdata/code_label_csv.hpp"

namespace did::refdata {

const InterventionalCodes& InterventionalCodes::Shipped() {
    return ParsedOnce<InterventionalCodes>(ShippedInterventionalCodesCsv());
}

core::Result<InterventionalCodes> InterventionalCodes::Parse(std::string_view csv) {
    InterventionalCodes out;
    auto read = ForEachCodeAndLabel(
        csv, "nicip_code,procedure",
        [&](size_t line, std::string_view code, std::string_view procedure) -> core::Status {
            if (code.empty() || procedure.empty()) {
                return core::Fail(core::Error::InvalidArgument(
                    fmt::format("line {}: a code and the kind of procedure it is are both needed", line)));
            }
            if (!out.procedure_.emplace(std::string(code), std::string(procedure)).second) {
                return core::Fail(
                    core::Error::InvalidArgument(fmt::format("line {}: '{}' is listed twice", line, code)));
            }
            return {};
        });
    if (!read) return core::Fail(read.error());
    return out;
}

}  // namespace did::refdata
