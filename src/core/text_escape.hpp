// Escaping for the two text formats DID Collect writes: CSV (RFC 4180) and JSON strings.
// Append-only helpers on a caller-owned buffer, so hot loops never allocate per field.
// CSV has two: exact fields for data read back as data (the accepted records), and report
// cells, guarded against spreadsheet formulas, for files a person opens in a spreadsheet.
#pragma once

#include <string>
#include <string_view>

namespace did::core {

// Quotes the field when it holds a comma, quote, CR or LF, or starts or ends with a space
// (which a reader would trim); doubles inner quotes. The field reads back exactly as given.
void AppendCsvField(std::string& out, std::string_view field);

// A report cell a spreadsheet shows as text, never runs (OWASP, "CSV Injection"): a cell
// that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` and is
// quoted; any other cell is written as AppendCsvField writes it. A plain number (`-5`,
// `+2.50`) is left alone: a spreadsheet reads it as that number, never as a formula.
// Costs one byte test for an ordinary cell. See docs/report-safety.md.
void AppendCsvReportCell(std::string& out, std::string_view cell);

// A JSON string literal, quotes included. Control characters (C0, DEL and the C1 range
// U+0080–U+009F) become \uXXXX escapes.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace did::core
