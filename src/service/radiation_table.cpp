#include "service/radiation_table.hpp"

#include <fmt/format.h>

#include <map>

#include "refdata/dose_table.hpp"
#include "refdata/published_modality.hpp"
#include "service/catalogue.hpp"

namespace did::service {
namespace {

using report::PublishedCell;

// Examinations, those with a dose estimate, and the sum of their doses in mSv.
struct Dose {
    int64_t examinations = 0;
    int64_t estimated = 0;
    double msv = 0;
};

}  // namespace

core::Status FillRadiationTable(store::Store& store, const AgeSexFigures& f, report::PublishedTable& table) {
    auto catalogue = LoadCatalogue(store);
    if (!catalogue) return core::Fail(catalogue.error());
    const refdata::DoseTable& doses = refdata::DoseTable::Shipped();
    Dose all;
    std::map<std::string, Dose> by_modality;
    std::map<std::string, Dose> by_examination;  // the dose table's examinations only
    std::vector<Dose> by_age(kAgeBands.size());
    std::vector<Dose> by_sex(kSexes.size());
    for (size_t c = 0; c < f.codes.size(); ++c) {
        const refdata::NicipEntry* exam = catalogue->catalogue->FindNicip(f.codes[c]);
        const std::string modality(exam != nullptr
                                       ? refdata::PublishedModalities::Shipped().Of(exam->code, exam->modality)
                                       : std::string_view("Not in the catalogue"));
        const refdata::DoseEntry* dose = doses.Find(f.codes[c]);
        for (size_t age = 0; age < kAgeBands.size(); ++age) {
            for (size_t sex = 0; sex < kSexes.size(); ++sex) {
                const int64_t n = f.examinations[f.At(c, age, sex)];
                if (n == 0) continue;
                auto add = [&](Dose& d) {
                    d.examinations += n;
                    if (dose == nullptr) return;
                    d.estimated += n;
                    d.msv += dose->effective_dose_msv * static_cast<double>(n);
                };
                add(all);
                add(by_modality[modality]);
                if (dose != nullptr) add(by_examination[dose->examination]);
                add(by_age[age]);
                add(by_sex[sex]);
            }
        }
    }
    table.columns = {"Region",
                     "Org Code",
                     "Provider name",
                     "Breakdown",
                     "Group",
                     "Examinations",
                     "With a dose estimate",
                     "Covered (%)",
                     "Mean effective dose (mSv)",
                     "Collective effective dose (person-Sv)"};
    table.heading_columns = 5;
    auto add_row = [&](std::string_view breakdown, std::string_view group, const Dose& d) {
        table.rows.push_back(
            {PublishedCell::Text("-"), PublishedCell::Text("-"), PublishedCell::Text("ENGLAND"),
             PublishedCell::Text(std::string(breakdown)), PublishedCell::Text(std::string(group)),
             PublishedCell::Count(d.examinations), PublishedCell::Count(d.estimated),
             PublishedCell::Percent(
                 d.examinations == 0 ? 0
                                     : 100.0 * static_cast<double>(d.estimated) / static_cast<double>(d.examinations),
                 d.examinations),
             PublishedCell::Measure(d.estimated == 0 ? 0 : d.msv / static_cast<double>(d.estimated), d.estimated, 3),
             PublishedCell::Measure(d.msv / 1000, d.estimated, 2)});
    };
    add_row("All examinations", "All", all);
    for (const std::string_view modality : refdata::kPublishedModalities) {
        const auto found = by_modality.find(std::string(modality));
        add_row("Modality", modality, found == by_modality.end() ? Dose{} : found->second);
    }
    for (const auto& [modality, d] : by_modality) {  // the statistics' others (cone beam CT, …), if any
        if (std::find(refdata::kPublishedModalities.begin(), refdata::kPublishedModalities.end(), modality) ==
            refdata::kPublishedModalities.end()) {
            add_row("Modality", modality, d);
        }
    }
    for (const refdata::DoseEntry& e : doses.entries()) {
        const auto found = by_examination.find(e.examination);
        if (found == by_examination.end()) continue;
        add_row("Examination", e.examination, found->second);
        by_examination.erase(found);  // two patterns may share a name: one row
    }
    for (size_t age = 0; age < kAgeBands.size(); ++age) add_row("Age band", kAgeBands[age], by_age[age]);
    for (size_t sex = 0; sex < kSexes.size(); ++sex) add_row("Sex", kSexes[sex], by_sex[sex]);
    table.notes.push_back(fmt::format(
        "Doses: the typical effective dose of each examination from the table kept with the collection "
        "(data/typical_effective_dose.csv, {} rows: HPA 2008 and UKHSA figures), a NICIP code taking its own row "
        "or the longest prefix that matches it. An examination without a row has no estimate: the mean and the "
        "collective dose are of the examinations with one, and Covered (%) says what share of the activity that is.",
        doses.entries().size()));
    table.notes.push_back(
        "Collective effective dose: the sum of the estimated doses, in person-sieverts (1 person-Sv = 1,000 mSv); a "
        "mean or collective dose of fewer than 3 examinations is shown as *. Per caput dose needs a population, "
        "which the collection does not hold yet.");
    return {};
}

}  // namespace did::service
