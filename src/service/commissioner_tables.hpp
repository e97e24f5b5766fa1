// Tables 7a, 7b and 8: waits in bands by commissioner, the Integrated Care Board of the
// patient's GP practice, else of the patient's postcode (service/commissioners.hpp), else "No
// ICB". Rows: ENGLAND first, then each ICB grouped by NHS England region (an ICB's region is its
// practices' region in ODS), then No ICB. An ICB found from a postcode (its E54 code) is shown
// under its ODS code and name once the ONS ICB names and codes are loaded (`did refdata
// import-icbs`), else under its E54 code.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "refdata/organisation_directory.hpp"
#include "report/published_table.hpp"
#include "service/statistics_figures.hpp"
#include "store/store.hpp"

namespace did::service {

bool IsCommissionerTable(std::string_view name);

// Fills the columns, rows and notes of `name` (table7a, table7b or table8) from figures
// gathered by commissioner (rows by modality for 7a and 7b, by cancer test group for 8).
core::Status FillCommissionerTable(store::Store& store, std::string_view name, const CommissionerFigures& figures,
                                   const refdata::OrganisationDirectory& organisations, report::PublishedTable& table);

}  // namespace did::service
