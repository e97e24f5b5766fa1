// Rule identifiers and severities. The national DID rule numbers (DIDSnnn) and this
// system's own additions (DIDC-…), in report order. Constants only.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace did::validate {

enum class RuleId : uint8_t {
    kDids001,
    kDids002,
    kDids003,
    kDids005,
    kDids006,
    kDids008,
    kDids009,
    kDids010,
    kDids012,
    kDids014,
    kDids016,
    kDids017,
    kDids018,
    kDids020,
    kDids021,
    kDids023,
    kDids024,
    kDids026,
    kDids027,
    kDids028,
    kDids031,
    kDids034,
    kDids035,
    kDids036,
    kDids038,
    kDids040,
    kDids041,
    kDids043,
    kDids044,
    kDids045,
    kDids048,
    kDids049,
    kDids050,
    kDids051,
    kDids055,
    kDids056,
    kDids057,
    kDids059,
    kDids061,
    kDids062,
    kDids066,
    kDids067,
    kDids068,
    kDids069,
    kDids070,
    kDids071,
    kDids072,
    kDids073,
    kDids074,
    kDids075,
    kDids076,
    kDids077,
    kDids078,
    kDids079,
    kDids080,
    kDids081,
    kDids082,
    kDidcPeriod,
    kDidcSite,
    kDidcExcluded,
    kDidcDuplicateProvider,
    kDidcControl,
    kDidcEncoding,
    kDidcEmpty,
    kDidcHeader,
};

inline constexpr int kRuleCount = static_cast<int>(RuleId::kDidcHeader) + 1;

inline constexpr int Index(RuleId id) {
    return static_cast<int>(id);
}

enum class Severity : uint8_t {
    kWarn,    // the record is kept, with a warning
    kReject,  // the record is dropped; the rest of the file goes on
    kFile,    // the whole file is rejected
};

std::string_view SeverityName(Severity severity);  // "warn", "reject", "file"
std::optional<Severity> ParseSeverity(std::string_view name);

}  // namespace did::validate
