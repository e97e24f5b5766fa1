#include "refdata/published_modality.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace did::refdata {
namespace {

constexpr std::string_view kPet = kPublishedModalities[7];
constexpr std::string_view kSpect = kPublishedModalities[8];

}  // namespace

const PublishedModalities& PublishedModalities::Shipped() {
    static const PublishedModalities shipped = [] {
        auto parsed = Parse(ShippedPublishedModalityCsv());
        if (!parsed) std::abort();  // the shipped file is checked by its test
        return std::move(*parsed);
    }();
    return shipped;
}

core::Result<PublishedModalities> PublishedModalities::Parse(std::string_view csv) {
    PublishedModalities out;
    size_t line_number = 0;
    while (!csv.empty()) {
        const size_t eol = csv.find('\n');
        std::string_view line = csv.substr(0, eol);
        csv = eol == std::string_view::npos ? std::string_view() : csv.substr(eol + 1);
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line_number == 1 || line.empty()) continue;  // the header
        const size_t comma = line.find(',');
        if (comma == std::string_view::npos) {
            return core::Fail(core::Error::InvalidArgument(
                fmt::format("line {}: expected nicip_code,published_modality", line_number)));
        }
        const std::string_view code = line.substr(0, comma);
        const std::string_view label = line.substr(comma + 1);
        if (code.empty() || code.front() != 'N') {
            return core::Fail(core::Error::InvalidArgument(
                fmt::format("line {}: {} is not a nuclear medicine code; only those are split", line_number, code)));
        }
        if (label != kPet && label != kSpect) {
            return core::Fail(core::Error::InvalidArgument(
                fmt::format("line {}: '{}' is neither '{}' nor '{}'", line_number, label, kPet, kSpect)));
        }
        if (!out.split_.emplace(std::string(code), label == kPet ? kPet : kSpect).second) {
            return core::Fail(
                core::Error::InvalidArgument(fmt::format("line {}: {} is listed twice", line_number, code)));
        }
    }
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
