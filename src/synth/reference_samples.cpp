#include "synth/reference_samples.hpp"

#include <set>

#include <fmt/format.h>

#include "core/file_io.hpp"
#include "synth/random.hpp"

namespace did::synth {
namespace {

// Outward codes of a few English towns, each with a local authority and region code shape.
struct Area {
    const char* outward;
    const char* local_authority;
    const char* region;
};
constexpr Area kAreas[] = {
    {"LS1", "E08000035", "E12000003"},  {"LS6", "E08000035", "E12000003"},  {"LS11", "E08000035", "E12000003"},
    {"LS17", "E08000035", "E12000003"}, {"BD3", "E08000032", "E12000003"},  {"BD7", "E08000032", "E12000003"},
    {"WF1", "E08000036", "E12000003"},  {"HX1", "E08000033", "E12000003"},  {"M1", "E08000003", "E12000002"},
    {"M14", "E08000003", "E12000002"},  {"M20", "E08000003", "E12000002"},  {"B15", "E08000025", "E12000005"},
    {"B23", "E08000025", "E12000005"},  {"NE1", "E08000021", "E12000001"},  {"NE6", "E08000021", "E12000001"},
    {"S10", "E08000019", "E12000003"},  {"S2", "E08000019", "E12000003"},   {"L8", "E08000012", "E12000002"},
    {"CB2", "E07000008", "E12000006"},  {"EX4", "E07000041", "E12000009"},  {"PL1", "E06000026", "E12000009"},
    {"SW1A", "E09000033", "E12000007"}, {"EC1A", "E09000001", "E12000007"}, {"N1", "E09000019", "E12000007"},
};
constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";
constexpr size_t kPostcodesPerArea = 125;

const Area& AreaOf(const std::string& postcode) {
    const std::string outward = postcode.substr(0, postcode.find(' '));
    for (const Area& area : kAreas) {
        if (outward == area.outward) return area;
    }
    return kAreas[0];
}

}  // namespace

const std::vector<std::string>& SampleGpPractices() {
    static const std::vector<std::string> practices = [] {
        std::vector<std::string> out;
        out.reserve(60);
        for (int i = 0; i < 60; ++i)
            out.push_back(fmt::format("{}{:05d}", static_cast<char>('B' + i % 12), 81001 + i * 7));
        return out;
    }();
    return practices;
}

const std::vector<std::string>& SamplePostcodes() {
    static const std::vector<std::string> postcodes = [] {
        std::vector<std::string> out;
        std::set<std::string> seen;
        Random random(2026);
        for (const Area& area : kAreas) {
            for (size_t made = 0; made < kPostcodesPerArea;) {
                std::string code = std::string(area.outward) + " ";
                code += static_cast<char>('0' + random.Below(10));
                code += kInwardLetters[random.Below(kInwardLetters.size())];
                code += kInwardLetters[random.Below(kInwardLetters.size())];
                if (!seen.insert(code).second) continue;  // a directory lists each postcode once
                out.push_back(code);
                ++made;
            }
        }
        return out;
    }();
    return postcodes;
}

const std::vector<SampleProvider>& SampleProviders() {
    static const std::vector<SampleProvider> providers = {
        {"RXX", "EXAMPLE HOSPITALS NHS TRUST", false, {"RXX01", "RXX02", "RXX03", "RXX09"}},
        {"RYY", "SAMPLE HEALTHCARE NHS FOUNDATION TRUST", false, {"RYY01", "RYY02"}},
        {"RYJ", "DEMONSTRATION TEACHING HOSPITALS NHS TRUST", false, {"RYJ01"}},
        {"NV7", "INDEPENDENT IMAGING LTD", true, {"NV701", "NV702"}},
    };
    return providers;
}

std::string FormatOdsRow(const OdsRow& row) {
    return fmt::format(
        "\"{}\",\"{}\",\"{}\",\"{}\",\"1 SAMPLE STREET\",\"\",\"{}\",\"\",\"\",\"{}\",\"{}\",\"{}\",\"{}\",\"4\","
        "\"{}\",\"\"\n",
        row.code, row.name, row.region, row.icb, row.town, row.postcode, row.opened, row.closed,
        row.closed.empty() ? "A" : "C", row.parent);
}

core::Status WriteReferenceSamples(const std::string& directory) {
    if (auto made = core::MakeDirectories(directory); !made) return made;
    auto ods_row = [](const std::string& code, const std::string& name, const std::string& postcode,
                      const std::string& opened, const std::string& closed, const std::string& parent) {
        return FormatOdsRow(
            {.code = code, .name = name, .postcode = postcode, .opened = opened, .closed = closed, .parent = parent});
    };
    const auto& postcodes = SamplePostcodes();
    std::string practices;
    for (size_t i = 0; i < SampleGpPractices().size(); ++i) {
        practices += ods_row(SampleGpPractices()[i], fmt::format("SAMPLE SURGERY {}", i + 1),
                             postcodes[i * 37 % postcodes.size()], "19740401", "", "15F");
    }
    practices += ods_row("B99999", "CLOSED SAMPLE SURGERY", postcodes[1], "19900101", "20200331", "15F");
    std::string trusts;
    std::string sites;
    std::string independents;
    for (const SampleProvider& p : SampleProviders()) {
        (p.independent ? independents : trusts) += ods_row(p.code, p.name, postcodes[7], "19940401", "", "");
        for (size_t i = 0; i < p.sites.size(); ++i) {
            sites += ods_row(p.sites[i], fmt::format("{} SITE {}", p.name, i + 1), postcodes[11 + i], "19970401", "",
                             p.code);
        }
    }
    std::string onspd = "pcd,pcd2,pcds,dointr,doterm,oscty,oslaua,osward,rgn,lsoa11,lsoa21,icb\n";
    for (size_t i = 0; i < postcodes.size(); ++i) {
        const Area& area = AreaOf(postcodes[i]);
        onspd +=
            fmt::format("{0},{0},{0},198001,{1},E99999999,{2},E05000001,{3},E0100{4:04d},E0103{4:04d},E5400{5:04d}\n",
                        postcodes[i], i % 97 == 0 ? "201906" : "", area.local_authority, area.region, i % 9000, i % 42);
    }
    // The ONS names and codes of the 42 ICBs the postcodes name; the first is the practices' (QWO),
    // so that a practice and a postcode meet in one commissioner.
    std::string icbs = "ICB23CD,ICB23CDH,ICB23NM,ObjectId\n";
    for (int i = 0; i < 42; ++i) {
        icbs += i == 0 ? fmt::format("E54{:06d},QWO,NHS SAMPLE WEST YORKSHIRE INTEGRATED CARE BOARD,1\n", i)
                       : fmt::format("E54{:06d},Q{:02d},NHS SAMPLE {} INTEGRATED CARE BOARD,{}\n", i, i, i + 1, i + 1);
    }
    for (const auto& [name, content] :
         {std::pair{"epraccur.csv", &practices}, std::pair{"etr.csv", &trusts}, std::pair{"ets.csv", &sites},
          std::pair{"ephp.csv", &independents}, std::pair{"onspd.csv", &onspd}, std::pair{"icb.csv", &icbs}}) {
        if (auto written = core::WriteFileAtomically(directory + "/" + name, *content); !written) return written;
    }
    return {};
}

}  // namespace did::synth
