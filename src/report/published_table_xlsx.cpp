#include "report/published_table_xlsx.hpp"

#include <xlsxwriter.h>

namespace did::report {
namespace {

// Excel limits a sheet to 1,048,576 rows (and a cell's text to 32,767 characters: a write
// past that fails, and so does the workbook).
constexpr size_t kMaxRows = 1048576;

}  // namespace

core::Status WritePublishedTableXlsx(const PublishedTable& table, const std::string& path) {
    if (table.rows.size() + 1 > kMaxRows) {
        return core::Fail(core::Error::InvalidArgument("the table has more rows than a worksheet holds"));
    }
    lxw_workbook* workbook = workbook_new(path.c_str());
    if (workbook == nullptr) return core::Fail(core::Error::IoError("cannot create " + path));
    lxw_format* title = workbook_add_format(workbook);
    format_set_bold(title);
    format_set_font_size(title, 14);
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    format_set_text_wrap(bold);
    lxw_format* wrap = workbook_add_format(workbook);
    format_set_text_wrap(wrap);
    lxw_format* right = workbook_add_format(workbook);
    format_set_align(right, LXW_ALIGN_RIGHT);

    // The first error of any write; the workbook is closed (and the file written) either way.
    lxw_error failed = LXW_NO_ERROR;
    auto check = [&](lxw_error error) {
        if (failed == LXW_NO_ERROR) failed = error;
    };
    lxw_worksheet* cover = workbook_add_worksheet(workbook, "Title");
    check(worksheet_set_column(cover, 0, 0, 110, wrap));
    check(worksheet_write_string(cover, 0, 0, table.title.c_str(), title));
    check(worksheet_write_string(cover, 1, 0, ("Diagnostic Imaging Dataset: " + table.span).c_str(), nullptr));
    check(worksheet_write_string(cover, 3, 0, "Notes", bold));
    lxw_row_t row = 4;
    for (const std::string& note : table.notes) check(worksheet_write_string(cover, row++, 0, note.c_str(), wrap));
    check(worksheet_write_string(cover, row + 1, 0, "The table is on the sheet \"Data\".", nullptr));

    lxw_worksheet* data = workbook_add_worksheet(workbook, "Data");
    for (size_t c = 0; c < table.columns.size(); ++c) {
        const auto column = static_cast<lxw_col_t>(c);
        check(worksheet_write_string(data, 0, column, table.columns[c].c_str(), bold));
        check(worksheet_set_column(data, column, column, c < table.heading_columns ? 28 : 12, nullptr));
    }
    worksheet_freeze_panes(data, 1, static_cast<lxw_col_t>(table.heading_columns));
    for (size_t r = 0; r < table.rows.size(); ++r) {
        const auto at = static_cast<lxw_row_t>(r + 1);
        for (size_t c = 0; c < table.rows[r].size(); ++c) {
            const PublishedCell& cell = table.rows[r][c];
            const std::string shown = Shown(cell);
            double value = 0;
            if (cell.kind != PublishedCell::Kind::kText && ShownNumber(shown, value)) {
                check(worksheet_write_number(data, at, static_cast<lxw_col_t>(c), value, nullptr));
            } else {
                check(worksheet_write_string(data, at, static_cast<lxw_col_t>(c), shown.c_str(),
                                             cell.kind == PublishedCell::Kind::kText ? nullptr : right));
            }
        }
    }
    const lxw_error closed = workbook_close(workbook);
    if (failed != LXW_NO_ERROR) {
        return core::Fail(core::Error::IoError("cannot write " + path + ": " + lxw_strerror(failed)));
    }
    if (closed != LXW_NO_ERROR) {
        return core::Fail(core::Error::IoError("cannot write " + path + ": " + lxw_strerror(closed)));
    }
    return {};
}

}  // namespace did::report
