// A published table as an Excel workbook, as NHS England lays its statistics out: a title
// sheet (the title, the months, the notes on rounding, coverage and method) and the table on
// a second sheet, figures as numbers a spreadsheet can sum and `*` where suppressed.
// libxlsxwriter (Debian libxlsxwriter-dev). Writes a file; one call per workbook.
#pragma once

#include <string>

#include "core/error.hpp"
#include "report/published_table.hpp"

namespace did::report {

core::Status WritePublishedTableXlsx(const PublishedTable& table, const std::string& path);

}  // namespace did::report
