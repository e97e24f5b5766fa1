#include "synth/national_plan.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <string_view>
#include <unordered_set>

#include <fmt/format.h>

#include "refdata/nhs_region.hpp"
#include "refdata/published_modality.hpp"
#include "synth/random.hpp"

namespace did::synth {
namespace {

using refdata::kPublishedModalities;

// NHS England's Diagnostic Imaging Dataset, 2024/25: examinations in England by modality and
// the medians of request to test for X-ray (0 days), ultrasound (15), CT (1) and MRI (21).
// The other waits and every test-to-report median are estimates of this project: those of
// ExamMix's catalogue mix, PET a week (a cancer pathway test), SPECT three weeks (most are
// planned cardiac perfusion scans).
constexpr std::array<ModalityVolume, 9> kPublishedYear = {{
    {kPublishedModalities[6], 23.5e6, 0, 1},   // Plain Radiography
    {kPublishedModalities[1], 11.5e6, 15, 0},  // Diagnostic Ultrasonography
    {kPublishedModalities[0], 8.3e6, 1, 1},    // Computerized Axial Tomography
    {kPublishedModalities[3], 4.9e6, 21, 3},   // Magnetic Resonance Imaging
    {kPublishedModalities[2], 1.0e6, 14, 1},   // Fluoroscopy
    {kPublishedModalities[5], 0.32e6, 14, 2},  // Nuclear Medicine Procedure
    {kPublishedModalities[7], 0.30e6, 7, 2},   // Positron Emission Tomography
    {kPublishedModalities[4], 0.07e6, 3, 1},   // Medical Photography
    {kPublishedModalities[8], 0.06e6, 21, 2},  // Single Photon Emission Computerized Tomography
}};

// The regions in refdata::NhsRegions() order: population in millions (roughly, by NHS England
// region), and about 150 providers in proportion to it (the last of each is an independent
// provider); the first letter of the region's practice codes.
struct RegionShape {
    double population;
    size_t providers;
    char practice_letter;
};
constexpr std::array<RegionShape, 7> kRegions = {{
    {8.9, 24, 'E'},   // London
    {5.8, 15, 'L'},   // South West
    {7.5, 20, 'H'},   // South East
    {11.0, 29, 'M'},  // Midlands
    {7.0, 19, 'D'},   // East of England
    {7.5, 20, 'P'},   // North West
    {8.6, 23, 'B'},   // North East and Yorkshire
}};

// England's 42 ICBs as the regions hold them (5, 7, 6, 11, 6, 3, 4), each with a postcode area
// of its own (the real area of roughly that place, so that the postcodes look like England's)
// and the ONS region its postcodes are in. Codes and names are made up.
struct IcbShape {
    size_t region;
    std::string_view area;
    std::string_view ons_region;
};
constexpr std::array<IcbShape, 42> kIcbs = {{
    {0, "E", "E12000007"},  {0, "N", "E12000007"},  {0, "NW", "E12000007"}, {0, "SE", "E12000007"},
    {0, "SW", "E12000007"}, {1, "BS", "E12000009"}, {1, "EX", "E12000009"}, {1, "TR", "E12000009"},
    {1, "GL", "E12000009"}, {1, "BA", "E12000009"}, {1, "TA", "E12000009"}, {1, "DT", "E12000009"},
    {2, "RG", "E12000008"}, {2, "GU", "E12000008"}, {2, "SO", "E12000008"}, {2, "ME", "E12000008"},
    {2, "RH", "E12000008"}, {2, "BN", "E12000008"}, {3, "B", "E12000005"},  {3, "WV", "E12000005"},
    {3, "CV", "E12000005"}, {3, "WR", "E12000005"}, {3, "SY", "E12000005"}, {3, "ST", "E12000005"},
    {3, "DE", "E12000004"}, {3, "LE", "E12000004"}, {3, "LN", "E12000004"}, {3, "NN", "E12000004"},
    {3, "NG", "E12000004"}, {4, "MK", "E12000006"}, {4, "CB", "E12000006"}, {4, "AL", "E12000006"},
    {4, "SS", "E12000006"}, {4, "NR", "E12000006"}, {4, "IP", "E12000006"}, {5, "L", "E12000002"},
    {5, "M", "E12000002"},  {5, "PR", "E12000002"}, {6, "NE", "E12000001"}, {6, "HU", "E12000003"},
    {6, "S", "E12000003"},  {6, "LS", "E12000003"},
}};

// Postcodes in Wales and Scotland: the ONS codes of their local authority and health board
// (the directory's icb column holds a Welsh local health board; for Scotland a health board,
// or nothing), so that some patients have no English ICB.
struct OutsideShape {
    std::string_view area;
    std::string_view local_authority;
    std::string_view region;
    std::string_view health_board;
};
constexpr std::array<OutsideShape, 6> kOutside = {{
    {"CF", "W06000015", "W99999999", "W11000029"},
    {"SA", "W06000011", "W99999999", "W11000031"},
    {"LL", "W06000003", "W99999999", "W11000023"},
    {"EH", "S12000036", "S99999999", "S08000024"},
    {"G", "S12000049", "S99999999", "S08000031"},
    {"AB", "S12000033", "S99999999", ""},
}};
constexpr size_t kOutsidePostcodesPerArea = 30;

// The directory and the practices sampled in proportion to England's (about 1.6 million live
// postcodes and 6,300 practices for 56 million people), with enough in each ICB at any scale
// for a practice to have peers and a postcode to be shared.
constexpr double kPostcodesPerMillion = 10000;
constexpr size_t kMinPostcodesPerIcb = 60;
constexpr double kPracticesPerMillion = 112;
constexpr size_t kMinPracticesPerIcb = 6;
constexpr size_t kPostcodesPerDistrict = 1000;  // of the 4,000 inward codes a district can have

// Examinations in each month against an average month, April first: fewer in April, August
// and December (Easter, summer and Christmas), more in the long working months of autumn and
// in March; mild, as the published monthly counts are.
constexpr std::array<double, 12> kSeason = {0.95, 0.99, 0.99, 1.05, 0.97, 1.00, 1.06, 1.02, 0.90, 1.03, 0.96, 1.08};
constexpr double kMonthNoise = 0.04;  // each provider's month varies a little about that

// Providers' sizes spread like trusts' (a small district general hospital does a tenth of a
// large teaching trust's imaging): lognormal. Independent providers are smaller.
constexpr double kSizeSpread = 0.6;
constexpr double kIndependentSize = 0.4;
// The share of a provider's patients registered with practices of its own ICB; the rest with
// the other ICBs of its region.
constexpr double kOwnIcbShare = 0.85;

constexpr std::string_view kLetters = "ABCDEFGHJKLMNPRTUWY";
constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

double Normal(Random& random) {
    const double u = 1.0 - random.Unit();  // (0, 1]: the logarithm is finite
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * random.Unit());
}

std::string Upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return out;
}

// `count` distinct postcodes in `area`, a thousand to a district: AREA1 9XX, AREA2 9XX, …
std::vector<std::string> MakePostcodes(Random& random, std::string_view area, size_t count) {
    std::vector<std::string> out;
    out.reserve(count);
    const size_t districts = (count + kPostcodesPerDistrict - 1) / kPostcodesPerDistrict;
    for (size_t d = 0; d < districts; ++d) {
        const size_t wanted = count / districts + (d < count % districts ? 1 : 0);
        const std::string outward = fmt::format("{}{}", area, d + 1);
        std::unordered_set<std::string> seen;
        while (seen.size() < wanted) {
            std::string code = outward + " ";
            code += static_cast<char>('0' + random.Below(10));
            code += kInwardLetters[random.Below(kInwardLetters.size())];
            code += kInwardLetters[random.Below(kInwardLetters.size())];
            if (seen.insert(code).second) out.push_back(std::move(code));
        }
    }
    return out;
}

size_t Scaled(double per_million, double millions, double scale, size_t at_least) {
    return std::max(at_least, static_cast<size_t>(std::lround(per_million * millions * scale)));
}

}  // namespace

std::span<const ModalityVolume> PublishedYear() {
    return kPublishedYear;
}

NationalPlan NationalPlan::Make(uint64_t seed, double scale) {
    NationalPlan plan;
    plan.seed_ = seed;
    plan.scale_ = scale;
    Random random(seed);
    const auto& regions = refdata::NhsRegions();

    std::array<size_t, kRegions.size()> icbs_in_region{};
    for (const IcbShape& shape : kIcbs) ++icbs_in_region[shape.region];
    std::array<size_t, kRegions.size()> icbs_numbered{};
    std::array<size_t, kRegions.size()> practices_made{};
    for (size_t i = 0; i < kIcbs.size(); ++i) {
        const IcbShape& shape = kIcbs[i];
        const size_t number = ++icbs_numbered[shape.region];
        PlanIcb icb;
        icb.code = fmt::format("E54000{:03d}", 101 + i);
        icb.ods_code = fmt::format("Q{}{}", kLetters[shape.region], kLetters[number - 1]);
        icb.name = fmt::format("NHS Sample {} {} Integrated Care Board", regions[shape.region].name, number);
        icb.sub_icb = fmt::format("{:02d}S", 50 + i);
        icb.region = shape.region;
        icb.ons_region = shape.ons_region;
        icb.local_authority = fmt::format("E06000{:03d}", 901 + i);
        const double millions = kRegions[shape.region].population / static_cast<double>(icbs_in_region[shape.region]);
        icb.postcodes =
            MakePostcodes(random, shape.area, Scaled(kPostcodesPerMillion, millions, scale, kMinPostcodesPerIcb));
        const size_t practices = Scaled(kPracticesPerMillion, millions, scale, kMinPracticesPerIcb);
        for (size_t p = 0; p < practices; ++p) {
            icb.practices.push_back(fmt::format("{}{:05d}", kRegions[shape.region].practice_letter,
                                                20001 + practices_made[shape.region]++));
        }
        plan.icbs_.push_back(std::move(icb));
    }

    for (const OutsideShape& shape : kOutside) {
        for (std::string& code : MakePostcodes(random, shape.area, kOutsidePostcodesPerArea)) {
            plan.outside_codes_.push_back(code);
            plan.outside_.push_back({std::move(code), std::string(shape.local_authority), std::string(shape.region),
                                     std::string(shape.health_board)});
        }
    }

    double year = 0;
    for (const ModalityVolume& v : kPublishedYear) year += v.examinations;
    year *= scale;
    const double people = std::accumulate(kRegions.begin(), kRegions.end(), 0.0,
                                          [](double sum, const RegionShape& r) { return sum + r.population; });
    size_t trusts = 0;
    size_t independents = 0;
    for (size_t region = 0; region < kRegions.size(); ++region) {
        std::vector<size_t> icbs;
        for (size_t i = 0; i < kIcbs.size(); ++i) {
            if (kIcbs[i].region == region) icbs.push_back(i);
        }
        const size_t first = plan.providers_.size();
        std::vector<double> sizes;
        const std::string region_name = Upper(regions[region].name);
        for (size_t k = 0; k < kRegions[region].providers; ++k) {
            PlanProvider provider;
            provider.independent = k + 1 == kRegions[region].providers;
            provider.icb = icbs[k % icbs.size()];
            if (provider.independent) {
                provider.code =
                    fmt::format("N{}{}", kLetters[independents % kLetters.size()], 1 + independents / kLetters.size());
                provider.name = fmt::format("SAMPLE {} IMAGING LTD", region_name);
                ++independents;
            } else {
                provider.code = fmt::format("R{}{}", kLetters[trusts / 10], trusts % 10);
                provider.name = fmt::format("SAMPLE {} HOSPITALS {} NHS {}TRUST", region_name, k + 1,
                                            k % 3 == 0 ? "" : "FOUNDATION ");
                ++trusts;
            }
            double size = std::exp(kSizeSpread * Normal(random));
            if (provider.independent) size *= kIndependentSize;
            sizes.push_back(size);
            // Bigger providers image on more sites: one to five.
            const size_t sites = std::clamp<size_t>(static_cast<size_t>(std::lround(size * 2)), 1, 5);
            for (size_t s = 0; s < sites; ++s) provider.sites.push_back(fmt::format("{}{:02d}", provider.code, s + 1));
            provider.submission_day = random.Between(2, 19);
            plan.providers_.push_back(std::move(provider));
        }
        const double region_year = year * kRegions[region].population / people;
        const double size_total = std::accumulate(sizes.begin(), sizes.end(), 0.0);
        for (size_t k = 0; k < sizes.size(); ++k) {
            PlanProvider& provider = plan.providers_[first + k];
            provider.partner = plan.providers_[first + (k + 1) % sizes.size()].code;
            const double provider_year = region_year * sizes[k] / size_total;
            for (size_t m = 0; m < kSeason.size(); ++m) {
                const double noise = 1 + kMonthNoise * (2 * random.Unit() - 1);
                const double expected = provider_year * kSeason[m] / 12 * noise;
                // Every provider sends a file every month, and a file has at least one record.
                provider.examinations[m] = std::max<uint64_t>(1, static_cast<uint64_t>(std::llround(expected)));
            }
        }
    }
    return plan;
}

uint64_t NationalPlan::Examinations() const {
    uint64_t total = 0;
    for (const PlanProvider& p : providers_)
        total = std::accumulate(p.examinations.begin(), p.examinations.end(), total);
    return total;
}

Catchment NationalPlan::CatchmentOf(size_t index) const {
    const PlanProvider& provider = providers_[index];
    const size_t region = icbs_[provider.icb].region;
    size_t neighbours = 0;
    for (const PlanIcb& icb : icbs_) neighbours += icb.region == region ? 1 : 0;
    --neighbours;
    std::vector<CatchmentArea> areas;
    areas.push_back({&icbs_[provider.icb].practices, &icbs_[provider.icb].postcodes, kOwnIcbShare});
    for (size_t i = 0; i < icbs_.size(); ++i) {
        if (i == provider.icb || icbs_[i].region != region) continue;
        areas.push_back(
            {&icbs_[i].practices, &icbs_[i].postcodes, (1 - kOwnIcbShare) / static_cast<double>(neighbours)});
    }
    return Catchment(std::move(areas), &outside_codes_);
}

}  // namespace did::synth
