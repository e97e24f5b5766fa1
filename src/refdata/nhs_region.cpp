#include "refdata/nhs_region.hpp"

namespace did::refdata {

const std::vector<NhsRegion>& NhsRegions() {
    static const std::vector<NhsRegion> regions = {
        {"Y56", "London"},
        {"Y58", "South West"},
        {"Y59", "South East"},
        {"Y60", "Midlands"},
        {"Y61", "East of England"},
        {"Y62", "North West"},
        {"Y63", "North East and Yorkshire"},
    };
    return regions;
}

std::string NhsRegionName(std::string_view code) {
    for (const NhsRegion& region : NhsRegions()) {
        if (region.code == code) return std::string(region.name);
    }
    return std::string(code);
}

std::string NhsRegionChoice(std::string_view name) {
    std::string choice;
    for (const char c : name) {
        if (c == ' ') {
            choice += '-';
        } else {
            choice += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
    }
    return choice;
}

}  // namespace did::refdata
