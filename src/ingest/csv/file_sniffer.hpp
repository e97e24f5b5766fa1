// The file sniffer: from a submission's first bytes, recognises the two ways Excel most often
// saves a CSV that cannot be read as UTF-8 lines at all (UTF-16, and Mac lines ended by a
// lone CR), so that the submitter is told which it is and how to fix it rather than "not
// valid UTF-8" or "17,018 columns". Pure functions.
#pragma once

#include <optional>
#include <string_view>

#include "validate/finding.hpp"

namespace did::ingest {

enum class Utf16 { kLittleEndian, kBigEndian };

// A UTF-16 file: a byte-order mark (FF FE, FE FF), or, without one, text in which every
// other byte is zero, as ASCII is in UTF-16 (judged on the first 1,024 bytes).
std::optional<Utf16> DetectUtf16(std::string_view head);

// Lines that end in a lone CR: the first line (up to the first LF) holds a CR, outside quotes
// and not followed by LF, that ends an 18-column line and is followed by another line; or,
// with no LF in the first 64 KiB (or in the whole file), holds such CRs and does not read as
// one 18-column line. `head` is the file's start, byte-order mark removed; `at_eof` says it
// is the whole file.
bool HasCrOnlyLineEnds(std::string_view head, bool at_eof);

// The one file error for a file that cannot be read (DIDC-ENCODING for UTF-16, DIDS075 for
// lone-CR line ends), or nullopt when the file looks readable so far. `head` is the file's
// start, as read.
std::optional<validate::Finding> SniffUnreadableFile(std::string_view head, bool at_eof);

}  // namespace did::ingest
