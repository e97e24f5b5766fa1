#include "refdata/nicip_catalogue.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_set>

#include "core/csv_rows.hpp"
#include "core/verhoeff.hpp"
#include "refdata/shipped_catalogue.hpp"

namespace did::refdata {
namespace {

constexpr size_t kMaxReportedProblems = 20;

bool IsNicipCodeFormat(std::string_view code) {
    if (code.empty() || code.size() > 6 || !ModalityOfNicip(code)) return false;
    return std::all_of(code.begin(), code.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

// Why a SNOMED CT id from a release file is unusable, or empty when it is fine.
std::string SnomedProblem(std::string_view text) {
    if (!ParseSnomedId(text)) return fmt::format("SNOMED CT id '{}' is not 6-18 digits without a leading zero", text);
    if (!core::VerhoeffValid(text)) return fmt::format("SNOMED CT id {} fails its Verhoeff check digit", text);
    const std::string_view partition = text.substr(text.size() - 3, 2);
    if (partition != "00" && partition != "10") {
        return fmt::format("SNOMED CT id {} has partition {}, not a concept (00 or 10)", text, partition);
    }
    return {};
}

struct Columns {
    int code = -1;
    int snomed = -1;
    int modality = -1;
    int nicip_retired = -1;
    int snomed_retired = -1;
};

std::string_view Cell(std::span<const std::string_view> fields, int column) {
    return column >= 0 && static_cast<size_t>(column) < fields.size() ? fields[static_cast<size_t>(column)]
                                                                      : std::string_view{};
}

}  // namespace

std::optional<uint64_t> ParseSnomedId(std::string_view text) {
    if (text.size() < 6 || text.size() > 18 || text.front() == '0') return std::nullopt;
    uint64_t id = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        id = id * 10 + static_cast<uint64_t>(c - '0');
    }
    return id;
}

uint64_t NicipCatalogue::PackCode(std::string_view code) {
    if (code.empty() || code.size() > 7) return 0;
    uint64_t key = 0;
    std::memcpy(&key, code.data(), code.size());
    return key | (static_cast<uint64_t>(code.size()) << 56);
}

core::Result<NicipCatalogue> NicipCatalogue::Parse(std::string_view csv_text) {
    NicipCatalogue catalogue;
    std::vector<std::string> problems;
    size_t problem_count = 0;
    auto problem = [&](uint64_t line, std::string message) {
        if (++problem_count <= kMaxReportedProblems) problems.push_back(fmt::format("line {}: {}", line, message));
    };
    Columns columns;
    bool header_seen = false;
    std::unordered_set<std::string> seen;

    core::ForEachCsvRow(csv_text, 32, [&](const core::CsvRow& row) {
        if (!row.error.empty()) {
            problem(row.line, std::string(row.error));
            return true;
        }
        if (!header_seen) {
            header_seen = true;
            for (size_t i = 0; i < row.fields.size(); ++i) {
                const std::string_view name = row.fields[i];
                const int index = static_cast<int>(i);
                if (name == "nicip_code") columns.code = index;
                if (name == "snomed_ct_id") columns.snomed = index;
                if (name == "modality") columns.modality = index;
                if (name == "nicip_retired_on") columns.nicip_retired = index;
                if (name == "snomed_retired_on") columns.snomed_retired = index;
            }
            if (columns.code < 0 || columns.snomed < 0) {
                problem(row.line, "the header must name the columns nicip_code and snomed_ct_id");
                return false;
            }
            return true;
        }
        NicipEntry entry;
        const std::string_view code = Cell(row.fields, columns.code);
        const std::string_view snomed = Cell(row.fields, columns.snomed);
        if (!IsNicipCodeFormat(code)) {
            problem(row.line, fmt::format("'{}' is not a NICIP code (a modality letter and up to 5 more letters or "
                                          "digits)",
                                          code));
            return true;
        }
        if (!seen.insert(std::string(code)).second) {
            problem(row.line, fmt::format("NICIP code {} appears twice", code));
            return true;
        }
        if (std::string why = SnomedProblem(snomed); !why.empty()) {
            problem(row.line, fmt::format("{} (NICIP {})", why, code));
            return true;
        }
        entry.code = std::string(code);
        entry.snomed = *ParseSnomedId(snomed);
        entry.modality = *ModalityOfNicip(code);
        if (const std::string_view label = Cell(row.fields, columns.modality); !label.empty()) {
            const auto named = label.size() == 1 ? ModalityFromLetter(label[0]) : ModalityFromLabel(label);
            if (named != entry.modality) {
                problem(row.line, fmt::format("modality '{}' does not match NICIP code {}, whose first letter means {}",
                                              label, code, ModalityLabel(entry.modality)));
                return true;
            }
        }
        for (auto [column, target] : {std::pair{columns.nicip_retired, &entry.nicip_retired_on},
                                      std::pair{columns.snomed_retired, &entry.snomed_retired_on}}) {
            const std::string_view text = Cell(row.fields, column);
            if (text.empty()) continue;
            *target = core::Date::Parse(text);
            if (!*target || text.size() != 10) {
                problem(row.line, fmt::format("retirement date '{}' is not a CCYY-MM-DD date", text));
                return true;
            }
        }
        catalogue.entries_.push_back(std::move(entry));
        return true;
    });

    if (!header_seen) return core::Fail(core::Error::InvalidArgument("the catalogue file is empty"));
    if (problem_count > 0) {
        std::string message = fmt::format("the catalogue file has {} problem(s); nothing was imported:", problem_count);
        for (const std::string& p : problems) message += "\n  " + p;
        if (problem_count > problems.size())
            message += fmt::format("\n  … and {} more", problem_count - problems.size());
        return core::Fail(core::Error::InvalidArgument(std::move(message)));
    }
    if (catalogue.entries_.empty()) return core::Fail(core::Error::InvalidArgument("the catalogue file has no codes"));
    std::sort(catalogue.entries_.begin(), catalogue.entries_.end(),
              [](const NicipEntry& a, const NicipEntry& b) { return a.code < b.code; });
    catalogue.Index();
    return catalogue;
}

void NicipCatalogue::Index() {
    for (uint32_t i = 0; i < entries_.size(); ++i) {
        const NicipEntry& entry = entries_[i];
        nicip_index_.Put(PackCode(entry.code), i);
        if (snomed_first_.Find(entry.snomed) == nullptr) snomed_first_.Put(entry.snomed, i);
        const uint32_t retired = entry.snomed_retired_on ? entry.snomed_retired_on->Packed() : 0;
        const uint32_t* existing = snomed_retired_.Find(entry.snomed);
        // Active if any code maps to it actively; otherwise retired on the latest date given.
        if (existing == nullptr || (*existing != 0 && (retired == 0 || retired > *existing))) {
            snomed_retired_.Put(entry.snomed, retired);
        }
    }
}

std::string NicipCatalogue::ToCsv() const {
    std::string out = "nicip_code,snomed_ct_id,modality,nicip_retired_on,snomed_retired_on\n";
    for (const NicipEntry& e : entries_) {
        out += fmt::format("{},{},{},{},{}\n", e.code, e.snomed, ModalityLabel(e.modality),
                           e.nicip_retired_on ? e.nicip_retired_on->ToString() : "",
                           e.snomed_retired_on ? e.snomed_retired_on->ToString() : "");
    }
    return out;
}

const NicipCatalogue& NicipCatalogue::Shipped() {
    static const NicipCatalogue catalogue = [] {
        auto parsed = Parse(ShippedCatalogueCsv());
        if (!parsed) std::abort();  // the build embeds a file the tests have checked
        return std::move(*parsed);
    }();
    return catalogue;
}

}  // namespace did::refdata
