#include "refdata/published_modality.hpp"

#include <fmt/format.h>

#include "refdata/code_label_csv.hpp"

namespace did::refdata {
namespace {

constexpr std::string_view kPet = kPublishedModalities[7];
constexpr std::string_view kSpect = kPublishedModalities[8];

}  // namespace

const PublishedModalities& PublishedModalities::Shipped() {
    return ParsedOnce<PublishedModalities>(ShippedPublishedModalityCsv());
}

core::Result<PublishedModalities> PublishedModalities::Parse(std::string_view csv) {
    PublishedModalities out;
    auto read = ForEachCodeAndLabel(
        csv, "nicip_code,published_modality",
        [&](size_t line, std::string_view code, std::string_view label) -> core::Status {
            if (code.empty() || code.front() != 'N') {
                return core::Fail(core::Error::InvalidArgument(
                    fmt::format("line {}: {} is not a nuclear medicine code; only those are split", line, code)));
            }
            if (label != kPet && label != kSpect) {
                return core::Fail(core::Error::InvalidArgument(
                    fmt::format("line {}: '{}' is neither '{}' nor '{}'", line, label, kPet, kSpect)));
            }
            if (!out.split_.emplace(std::string(code), label == kPet ? kPet : kSpect).second) {
                return core::Fail(core::Error::InvalidArgument(fmt::format("line {}: {} is listed twice", line, code)));
            }
            return {};
        });
    if (!read) return core::Fail(read.error());
    return out;
}

std::string_view PublishedModalities::Of(std::string_view nicip_code, Modality modality) const {
    if (modality == Modality::kNuclearMedicine) {
        if (const auto it = split_.find(std::string(nicip_code)); it != split_.end()) return it->second;
    }
    if (modality == Modality::kConeBeamCt) return kConeBeamCt;
    return ModalityLabel(modality);
}

}  // namespace did::refdata
