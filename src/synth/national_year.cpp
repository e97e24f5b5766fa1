#include "synth/national_year.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "core/file_io.hpp"
#include "refdata/nhs_region.hpp"
#include "synth/random.hpp"
#include "synth/reference_samples.hpp"

namespace did::synth {
namespace {

constexpr std::string_view kOpened = "19940401";

std::string Upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return out;
}

// etr.csv, ephp.csv, ets.csv and epraccur.csv: every row with its region (column 3) and its
// ICB's ODS code (column 4, the high level health geography), as the real files have them.
core::Status WriteOrganisations(const NationalPlan& plan, const std::string& directory) {
    const auto& regions = refdata::NhsRegions();
    std::string trusts;
    std::string independents;
    std::string sites;
    std::string practices;
    Random random(plan.seed() ^ 0x6f7267616e697361ULL);  // addresses: apart from the records' draws
    auto row = [&](const PlanIcb& icb, std::string code, std::string name, std::string parent) {
        return FormatOdsRow({.code = std::move(code),
                             .name = std::move(name),
                             .region = std::string(regions[icb.region].code),
                             .icb = icb.ods_code,
                             .town = Upper(regions[icb.region].name),
                             .postcode = icb.postcodes[random.Below(icb.postcodes.size())],
                             .opened = std::string(kOpened),
                             .closed = "",
                             .parent = std::move(parent)});
    };
    for (const PlanProvider& p : plan.providers()) {
        const PlanIcb& icb = plan.icbs()[p.icb];
        (p.independent ? independents : trusts) += row(icb, p.code, p.name, "");
        for (size_t i = 0; i < p.sites.size(); ++i) {
            sites += row(icb, p.sites[i], fmt::format("{} SITE {}", p.name, i + 1), p.code);
        }
    }
    size_t number = 0;
    for (const PlanIcb& icb : plan.icbs()) {
        for (const std::string& practice : icb.practices) {
            practices += row(icb, practice, fmt::format("SAMPLE SURGERY {}", ++number), icb.sub_icb);
        }
    }
    for (const auto& [name, content] : {std::pair{"etr.csv", &trusts}, std::pair{"ephp.csv", &independents},
                                        std::pair{"ets.csv", &sites}, std::pair{"epraccur.csv", &practices}}) {
        if (auto written = core::WriteFileAtomically(directory + "/" + name, *content); !written) return written;
    }
    return {};
}

// icb.csv: the ONS names and codes file, one row per ICB.
core::Status WriteIcbs(const NationalPlan& plan, const std::string& directory) {
    std::string csv = "ICB23CD,ICB23CDH,ICB23NM,ObjectId\n";
    for (size_t i = 0; i < plan.icbs().size(); ++i) {
        const PlanIcb& icb = plan.icbs()[i];
        csv += fmt::format("{},{},{},{}\n", icb.code, icb.ods_code, icb.name, i + 1);
    }
    return core::WriteFileAtomically(directory + "/icb.csv", csv);
}

// onspd.csv: the columns of data/samples/onspd.csv, every postcode live.
core::Status WritePostcodes(const NationalPlan& plan, const std::string& directory) {
    std::string csv = "pcd,pcd2,pcds,dointr,doterm,oscty,oslaua,osward,rgn,lsoa11,lsoa21,icb\n";
    size_t n = 0;
    auto add = [&](const std::string& postcode, std::string_view local_authority, std::string_view region, char country,
                   std::string_view icb) {
        // About a dozen postcodes to a lower layer super output area.
        const size_t lsoa = n++ / 12;
        csv += fmt::format("{0},{0},{0},198001,,{1}99999999,{2},{1}05000001,{3},{1}01{4:06d},{1}01{5:06d},{6}\n",
                           postcode, country, local_authority, region, 100000 + lsoa, 200000 + lsoa, icb);
    };
    for (const PlanIcb& icb : plan.icbs()) {
        for (const std::string& postcode : icb.postcodes)
            add(postcode, icb.local_authority, icb.ons_region, 'E', icb.code);
    }
    for (const OutsidePostcode& p : plan.outside_england()) {
        add(p.postcode, p.local_authority, p.region, p.region.front(), p.health_board);
    }
    return core::WriteFileAtomically(directory + "/onspd.csv", csv);
}

// One seed per file, from the year's seed and the file's place in it, so that each file can be
// made (and checked) alone.
uint64_t FileSeed(uint64_t seed, size_t provider, size_t month) {
    Random random(seed ^ ((provider * 12 + month + 1) * 0x9e3779b97f4a7c15ULL));
    return random.Next();
}

// Streams one provider-month to `path` (through a .partial file renamed at the end, so that a
// file that is there is whole); adds its size to `bytes`.
core::Status WriteSubmissionFile(const GeneratorOptions& options, const refdata::NicipCatalogue& catalogue,
                                 const std::string& path, uint64_t& bytes) {
    const std::string partial = path + ".partial";
    std::FILE* out = std::fopen(partial.c_str(), "wb");
    if (out == nullptr) return core::Fail(core::Error::IoError("cannot create " + partial));
    auto status = GenerateExtract(options, catalogue, [&](std::string_view text) -> core::Status {
        if (std::fwrite(text.data(), 1, text.size(), out) != text.size()) {
            return core::Fail(core::Error::IoError("cannot write " + partial));
        }
        bytes += text.size();
        return {};
    });
    const bool closed = std::fclose(out) == 0;
    if (status && !closed) status = core::Fail(core::Error::IoError("cannot write " + partial));
    if (status && std::rename(partial.c_str(), path.c_str()) != 0) {
        status = core::Fail(core::Error::IoError("cannot rename " + partial + " to " + path));
    }
    if (!status) std::remove(partial.c_str());
    return status;
}

}  // namespace

core::Result<NationalYearSummary> WriteNationalYear(const NationalYearOptions& options,
                                                    const refdata::NicipCatalogue& catalogue,
                                                    const std::string& directory) {
    const NationalPlan plan = NationalPlan::Make(options.seed, options.scale);
    NationalYearSummary summary;
    summary.providers = plan.providers().size();
    summary.icbs = plan.icbs().size();
    for (const PlanIcb& icb : plan.icbs()) {
        summary.practices += icb.practices.size();
        summary.postcodes += icb.postcodes.size();
    }
    summary.postcodes += plan.outside_england().size();

    if (auto made = core::MakeDirectories(directory + "/files"); !made) return core::Fail(made.error());
    if (auto written = WriteOrganisations(plan, directory); !written) return core::Fail(written.error());
    if (auto written = WriteIcbs(plan, directory); !written) return core::Fail(written.error());
    if (auto written = WritePostcodes(plan, directory); !written) return core::Fail(written.error());

    std::vector<Catchment> catchments;
    catchments.reserve(plan.providers().size());
    for (size_t p = 0; p < plan.providers().size(); ++p) catchments.push_back(plan.CatchmentOf(p));
    std::vector<uint64_t> next_accession(plan.providers().size(), 0);
    const auto published = PublishedYear();
    std::string listing = "provider,period,file,submitted\n";
    // Month by month, as the collection receives them.
    for (size_t m = 0; m < 12; ++m) {
        core::Period period = options.first_month;
        for (size_t i = 0; i < m; ++i) period = period.Next();
        for (size_t p = 0; p < plan.providers().size(); ++p) {
            const PlanProvider& provider = plan.providers()[p];
            GeneratorOptions file = options.file;
            file.rows = provider.examinations[m];
            file.seed = FileSeed(options.seed, p, m);
            file.period = period;
            // Inside the month's window (it opens on the 1st of the next month) and before its
            // publication cut-off: on time.
            file.submitted = period.Next().FirstDay().AddDays(provider.submission_day - 1);
            file.provider = provider.code;
            file.sites = provider.sites;
            file.modalities.assign(published.begin(), published.end());
            file.catchment = &catchments[p];
            file.other_provider = provider.partner;
            file.first_accession = next_accession[p];
            next_accession[p] += file.rows;

            const std::string name = fmt::format("files/{}-{}.csv", provider.code, period.ToString());
            if (auto written = WriteSubmissionFile(file, catalogue, directory + "/" + name, summary.bytes); !written) {
                return core::Fail(written.error());
            }
            listing += fmt::format("{},{},{},{}\n", provider.code, period.ToString(), name, file.submitted.ToString());
            ++summary.files;
            summary.records += file.rows;
        }
    }
    if (auto written = core::WriteFileAtomically(directory + "/submissions.csv", listing); !written) {
        return core::Fail(written.error());
    }
    return summary;
}

}  // namespace did::synth
