// The radiation analysis (`did report radiation`): how often examinations that use ionising
// radiation are done and the collective effective dose they deliver, for England over the
// period, by modality, by examination (as the dose table names them), by age band and by sex.
// Each examination's typical effective dose comes from the dose table shipped in data/
// (refdata/dose_table.hpp); a code with no row has no estimate, and every row says how much of
// its activity the estimates cover rather than inventing a dose.
#pragma once

#include "core/error.hpp"
#include "report/published_table.hpp"
#include "service/statistics_figures.hpp"
#include "store/store.hpp"

namespace did::service {

// Fills the columns, rows and notes from figures gathered by code, age band and sex.
core::Status FillRadiationTable(store::Store& store, const AgeSexFigures& figures, report::PublishedTable& table);

}  // namespace did::service
