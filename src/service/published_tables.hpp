// The national statistics tables, as NHS England publishes them from the DID, computed from
// the statistics cube of the current file of each provider and month: for a financial year
// (April to March, month by month, with a Year column) or for the 13 months to a month (the
// monthly provisional release, with a "13 months" column). Rows: ENGLAND first, then each
// provider with data, grouped by NHS England region (an independent provider takes its sites'
// region). Figures unrounded: report/published_table.hpp rounds and suppresses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/period.hpp"
#include "report/published_table.hpp"
#include "store/store.hpp"

namespace did::service {

struct StatisticsSpan {
    core::Period first;
    core::Period last;
    std::string label;           // "financial year 2025-26 (April 2025 to March 2026)"
    std::string total_column;    // "Year", "13 months"
    std::string financial_year;  // "2025-26" for a financial year; "" for 13 months
};

// "2025-26": April 2025 to March 2026.
core::Result<StatisticsSpan> FinancialYear(std::string_view year);
// The 13 months that end with `last`.
StatisticsSpan ThirteenMonthsTo(core::Period last);

struct PublishedTableSpec {
    std::string_view name;   // "table1"
    std::string_view title;  // "Table 1: …"
};
// The tables built so far, in published order.
const std::vector<PublishedTableSpec>& PublishedTables();

core::Result<report::PublishedTable> BuildPublishedTable(store::Store& store, std::string_view name,
                                                         const StatisticsSpan& span);

}  // namespace did::service
