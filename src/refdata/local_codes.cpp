#include "refdata/local_codes.hpp"

#include <fmt/format.h>

#include "core/csv_rows.hpp"
#include "core/utf8.hpp"

namespace did::refdata {

core::Result<LocalCodes> LocalCodes::Parse(std::string_view csv_text, const NicipCatalogue& catalogue) {
    LocalCodes codes;
    std::string problems;
    size_t problem_count = 0;
    auto problem = [&](uint64_t line, const std::string& message) {
        if (++problem_count <= 20) problems += fmt::format("\n  line {}: {}", line, message);
    };
    if (core::FindInvalidUtf8(csv_text)) {
        return core::Fail(core::Error::InvalidArgument("the local code list is not valid UTF-8"));
    }
    bool first = true;
    core::ForEachCsvRow(csv_text, 2, [&](const core::CsvRow& row) {
        const bool is_first = first;
        first = false;
        if (row.columns != 2 || !row.error.empty()) {
            problem(row.line, "expected two columns: local_code,nicip_code");
            return true;
        }
        const std::string_view local = row.fields[0];
        const std::string_view nicip = row.fields[1];
        if (is_first && local == "local_code" && nicip == "nicip_code") return true;
        if (local.empty() || local.size() > 20 || core::HasControlCharacter(local)) {
            problem(row.line, fmt::format("'{}' is not a usable local code (1 to 20 printable characters)", local));
            return true;
        }
        if (catalogue.FindNicip(local) != nullptr) {
            problem(row.line, fmt::format("local code {} is already a national NICIP code", local));
            return true;
        }
        const NicipEntry* entry = catalogue.FindNicip(nicip);
        if (entry == nullptr) {
            problem(row.line,
                    fmt::format("local code {} maps to {}, which is not in the NICIP catalogue", local, nicip));
            return true;
        }
        if (const NicipEntry* earlier = codes.Find(local); earlier != nullptr && earlier != entry) {
            problem(row.line, fmt::format("local code {} was already mapped to {}", local, earlier->code));
            return true;
        }
        codes.Add(std::string(local), *entry);
        return true;
    });
    if (problem_count > 0) {
        std::string message = fmt::format("the local code list has {} problem(s):{}", problem_count, problems);
        if (problem_count > 20) message += fmt::format("\n  … and {} more", problem_count - 20);
        return core::Fail(core::Error::InvalidArgument(std::move(message)));
    }
    return codes;
}

}  // namespace did::refdata
