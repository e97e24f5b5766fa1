// Escaping for the two text formats DID Collect writes: CSV (RFC 4180) and JSON strings.
// Append-only helpers on a caller-owned buffer, so hot loops never allocate per field.
#pragma once

#include <string>
#include <string_view>

namespace did::core {

// Quotes the field when it holds a comma, quote, CR or LF, or starts or ends with a space
// (which a reader would trim); doubles inner quotes.
void AppendCsvField(std::string& out, std::string_view field);

// A JSON string literal, quotes included. Control characters become \uXXXX escapes.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace did::core
