#include "service/commissioner_tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "refdata/cancer_test_groups.hpp"
#include "refdata/nhs_region.hpp"
#include "refdata/published_modality.hpp"
#include "service/commissioners.hpp"
#include "store/icb_table.hpp"

namespace did::service {
namespace {

using report::PublishedCell;

struct Band {
    std::string_view label;
    int low;
    int high;  // -1: no upper end
};

constexpr std::array<Band, 9> kRequestBands = {{{"0-7 days", 0, 7},
                                                {"8-14 days", 8, 14},
                                                {"15-31 days", 15, 31},
                                                {"32-42 days", 32, 42},
                                                {"43-62 days", 43, 62},
                                                {"63-93 days", 63, 93},
                                                {"94-186 days", 94, 186},
                                                {"187-365 days", 187, 365},
                                                {"Over 365 days", 366, -1}}};
constexpr std::array<Band, 13> kReportBands = {{{"0 days", 0, 0},
                                                {"1 day", 1, 1},
                                                {"2 days", 2, 2},
                                                {"3 days", 3, 3},
                                                {"4 days", 4, 4},
                                                {"5 days", 5, 5},
                                                {"6 days", 6, 6},
                                                {"7 days", 7, 7},
                                                {"8-14 days", 8, 14},
                                                {"15-31 days", 15, 31},
                                                {"32-42 days", 32, 42},
                                                {"43-62 days", 43, 62},
                                                {"Over 62 days", 63, -1}}};

// Tables 7a and 7b: four modalities; table 8: three of the cancer test groups.
constexpr std::array<std::string_view, 4> kModalities = {"Computerized Axial Tomography", "Diagnostic Ultrasonography",
                                                         "Magnetic Resonance Imaging", "Plain Radiography"};
constexpr std::array<std::string_view, 3> kTests = {"Chest (X-ray)", "Brain (MRI)",
                                                    "Abdomen and/or pelvis (Ultrasound)"};

template <class Labels>
size_t PlaceOf(const Labels& labels, std::string_view label) {
    return static_cast<size_t>(std::find(labels.begin(), labels.end(), label) - labels.begin());
}

// A row heading, and the commissioners as counted whose figures it sums.
struct CommissionerRow {
    std::string region_code;  // "" for none
    std::string code;
    std::string name;
    std::vector<size_t> who;  // into figures (c + 1)
};

std::vector<CommissionerRow> CommissionerRows(const CommissionerFigures& f, const std::vector<store::IcbRow>& icbs,
                                              const refdata::OrganisationDirectory& organisations) {
    std::map<std::string, const store::IcbRow*> by_e54;
    std::map<std::string, const store::IcbRow*> by_ods;
    for (const store::IcbRow& icb : icbs) {
        by_e54[icb.code] = &icb;
        by_ods[icb.ods_code] = &icb;
    }
    // An ICB's region: the region ODS gives its practices (the first practice that has one).
    std::map<std::string, std::string> region_of;
    organisations.ForEach([&](const refdata::Organisation& o) {
        if (o.kind == refdata::OrgKind::kGpPractice && !o.icb.empty() && !o.region.empty()) {
            region_of.try_emplace(o.icb, o.region);
        }
    });
    std::map<std::string, CommissionerRow> rows;  // by the code shown; "" for No ICB
    for (size_t c = 0; c < f.commissioners.size(); ++c) {
        const std::string& counted = f.commissioners[c];
        std::string code = counted;
        if (const auto e54 = by_e54.find(counted); e54 != by_e54.end()) code = e54->second->ods_code;
        CommissionerRow& row = rows[code];
        if (row.who.empty()) {
            row.code = code.empty() ? "-" : code;
            const auto named = by_ods.find(code);
            row.name = code.empty() ? "No ICB" : named != by_ods.end() ? named->second->name : "Name not known";
            if (const auto region = region_of.find(code); region != region_of.end()) row.region_code = region->second;
        }
        row.who.push_back(c + 1);
    }
    std::vector<CommissionerRow> out;
    out.reserve(rows.size());
    for (auto& [code, row] : rows) out.push_back(std::move(row));
    // Regions in the published order, a region not known after them, No ICB last; then by code.
    std::sort(out.begin(), out.end(), [](const CommissionerRow& a, const CommissionerRow& b) {
        return std::make_tuple(a.code == "-", a.region_code.empty(), a.region_code, a.code) <
               std::make_tuple(b.code == "-", b.region_code.empty(), b.region_code, b.code);
    });
    return out;
}

}  // namespace

bool IsCommissionerTable(std::string_view name) {
    return name == "table7a" || name == "table7b" || name == "table8";
}

core::Status FillCommissionerTable(store::Store& store, std::string_view name, const CommissionerFigures& f,
                                   const refdata::OrganisationDirectory& organisations, report::PublishedTable& table) {
    auto icbs = store::IcbTable(store.db()).All();
    if (!icbs) return core::Fail(icbs.error());
    const bool by_test = name == "table8";
    const bool request_to_test = name != "table7b";
    const auto bands = name == "table7b" ? std::vector<Band>(kReportBands.begin(), kReportBands.end())
                                         : std::vector<Band>(kRequestBands.begin(), kRequestBands.end());
    table.columns = {"Region", "Commissioner code", "Commissioner name"};
    if (by_test) {
        table.columns.insert(table.columns.end(), {"Test", "Source setting"});
    } else {
        table.columns.emplace_back("Modality");
    }
    table.heading_columns = table.columns.size();
    for (const Band& b : bands) table.columns.emplace_back(b.label);
    table.columns.emplace_back("Not known");
    if (name != "table7b") table.columns.emplace_back("Total");

    // What each row breaks down by: its labels and its row in the figures.
    std::vector<std::pair<std::vector<std::string>, size_t>> breakdowns;
    if (by_test) {
        for (const std::string_view test : kTests) {
            const size_t group = PlaceOf(refdata::kCancerTestGroups, test);
            breakdowns.push_back({{std::string(test), "All"}, 2 * group});
            breakdowns.push_back({{std::string(test), "GP Direct Access"}, 2 * group + 1});
        }
    } else {
        for (const std::string_view modality : kModalities) {
            breakdowns.push_back({{std::string(modality)}, PlaceOf(refdata::kPublishedModalities, modality)});
        }
    }
    auto add = [&](std::string_view region, std::string_view code, std::string_view label,
                   const std::vector<size_t>& who) {
        for (const auto& [labels, figure_row] : breakdowns) {
            DayBands days;
            for (const size_t w : who) days.Add(f.bands[f.At(w, figure_row, request_to_test)]);
            std::vector<PublishedCell> row = {PublishedCell::Text(std::string(region)),
                                              PublishedCell::Text(std::string(code)),
                                              PublishedCell::Text(std::string(label))};
            for (const std::string& l : labels) row.push_back(PublishedCell::Text(l));
            for (const Band& b : bands) row.push_back(PublishedCell::Count(days.Within(b.low, b.high)));
            row.push_back(PublishedCell::Count(days.NotKnown()));
            if (name != "table7b") row.push_back(PublishedCell::Count(days.Total()));
            table.rows.push_back(std::move(row));
        }
    };
    add("-", "-", "ENGLAND", {0});
    for (const CommissionerRow& r : CommissionerRows(f, *icbs, organisations)) {
        add(r.region_code.empty() ? "-" : refdata::NhsRegionName(r.region_code), r.code, r.name, r.who);
    }
    table.notes.push_back(
        "Commissioner: the Integrated Care Board of the patient's GP practice (ODS), else of the patient's postcode "
        "(ONS Postcode Directory), from the reference data in use when each file was counted (as it was stored, or "
        "again by did db migrate); No ICB where neither gives an English ICB.");
    // What the reference data lacks puts examinations under No ICB: say so, rather than let the
    // row look like the patients'.
    bool practices_with_icb = false;
    organisations.ForEach([&](const refdata::Organisation& o) {
        practices_with_icb = practices_with_icb || (o.kind == refdata::OrgKind::kGpPractice && !o.icb.empty());
    });
    auto postcodes = PostcodeIcbsLoaded(store);
    if (!postcodes) return core::Fail(postcodes.error());
    if (!practices_with_icb || !*postcodes) {
        table.notes.push_back(fmt::format(
            "The reference data in use has no ICB for {}: examinations counted without it are under No ICB. Import "
            "{}, then count every file again (did db migrate --recount-statistics).",
            !practices_with_icb && !*postcodes ? "GP practices or postcodes"
            : !practices_with_icb              ? "GP practices"
                                               : "postcodes",
            !practices_with_icb && !*postcodes ? "the ODS practices (epraccur) and the postcode directory"
            : !practices_with_icb              ? "the ODS practices (epraccur) again"
                                               : "the postcode directory again"));
    }
    if (icbs->empty()) {
        table.notes.push_back(
            "The ICBs' names and codes are not loaded (did refdata import-icbs): an ICB found from a postcode is shown "
            "by its E54 code.");
    }
    return {};
}

}  // namespace did::service
